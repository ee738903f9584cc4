package org.certregistry.web.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** The compose files an operator starts from: what they must say for the registry to work behind a proxy. */
class ComposeFilesTest {

    @Test
    @SuppressWarnings("unchecked")
    void theProductionComposeFileTrustsTheProxysForwardedHeadersForRateLimitsAndStrictTransportSecurity() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("../docker-compose.yml")));
        Map<String, Object> registry = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("registry");
        Map<String, Object> environment = (Map<String, Object>) registry.get("environment");
        assertThat(environment).containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native");
        // and it is reachable only through that proxy, so no client can forge the headers
        assertThat((Iterable<String>) registry.get("ports")).allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        assertThat(Files.readString(Path.of("../deploy/compose-fleet.yml"))).contains("SERVER_FORWARD_HEADERS_STRATEGY: native");
    }
}
