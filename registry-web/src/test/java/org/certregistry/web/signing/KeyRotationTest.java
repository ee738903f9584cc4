package org.certregistry.web.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.keys.dev.DevelopmentKeys;
import org.certregistry.keys.dev.GenerateKey;
import org.certregistry.verifier.cli.VerifyCommand;
import org.certregistry.web.RegistryApplication;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rotation is a configuration change plus a restart: the registry is started with key A (ES256),
 * issues, is restarted with key B (RSA, so RS256) active and A retired, and the credential signed
 * with A still verifies, by the API and by the command line reading the published JWKS. The
 * production profile refuses the development key, active or retired.
 */
class KeyRotationTest {

    @TempDir
    Path keys;

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static Map<String, Object> base(int port) {
        TestDatabase db = TestDatabase.shared();
        Map<String, Object> p = new HashMap<>();
        p.put("spring.r2dbc.url", db.r2dbcUrl());
        p.put("spring.r2dbc.username", db.user());
        p.put("spring.r2dbc.password", db.password());
        p.put("spring.flyway.url", db.jdbcUrl());
        p.put("spring.flyway.user", db.user());
        p.put("spring.flyway.password", db.password());
        p.put("server.port", port);
        p.put("registry.base-url", "http://localhost:" + port);
        return p;
    }

    static ConfigurableApplicationContext start(Map<String, Object> properties, String... profiles) {
        // as command-line arguments: they outrank application.yml (default properties would not)
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(RegistryApplication.class).profiles(profiles).run(args);
    }

    Path write(String name, String content) throws IOException {
        return Files.writeString(keys.resolve(name), content);
    }

    @Test
    void oldCredentialsKeepVerifyingAfterARotationToAnRsaKey() throws Exception {
        int port = freePort();
        String url = "http://localhost:" + port;
        GenerateKey.Generated a = GenerateKey.generate("key-a", "ES256", "CN=a", Duration.ofDays(30));
        GenerateKey.Generated b = GenerateKey.generate("key-b", "RS256", "CN=b", Duration.ofDays(30));
        Path aKey = write("a.key.pem", a.privateKeyPem());
        Path aCrt = write("a.crt.pem", a.certificatePem());
        Path bKey = write("b.key.pem", b.privateKeyPem());

        Map<String, Object> first = base(port);
        first.put("registry.keys.active.kid", "key-a");
        first.put("registry.keys.active.pem-file", aKey.toString());
        TestCertificates.Issued old;
        try (ConfigurableApplicationContext context = start(first)) {
            old = TestCertificates.issue(WebTestClient.bindToServer().baseUrl(url).responseTimeout(Duration.ofSeconds(60)).build(), "CCXP", "Before Rotation");
        }
        assertThat(SignedJWT.parse(old.credential()).getHeader().getKeyID()).isEqualTo(url + "/keys/key-a");

        Map<String, Object> second = base(port);
        second.put("registry.keys.active.kid", "key-b");
        second.put("registry.keys.active.pem-file", bKey.toString());
        second.put("registry.keys.retired[0].kid", "key-a");
        second.put("registry.keys.retired[0].pem-file", aCrt.toString());
        try (ConfigurableApplicationContext context = start(second)) {
            WebTestClient http = WebTestClient.bindToServer().baseUrl(url).responseTimeout(Duration.ofSeconds(60)).build();
            String jwks = http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/jwk-set+json")
                .expectBody(String.class).returnResult().getResponseBody();
            JWKSet published = JWKSet.parse(jwks);
            assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly(url + "/keys/key-b", url + "/keys/key-a");
            assertThat(published.getKeys()).noneMatch(JWK::isPrivate);
            String bare = http.get().uri("/keys/key-a").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/jwk+json")
                .expectBody(String.class).returnResult().getResponseBody();
            assertThat(JWK.parse(bare)).isEqualTo(published.getKeyByKeyId(url + "/keys/key-a"));
            http.get().uri("/keys/key-z").exchange().expectStatus().isNotFound();

            http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(old.credential())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("VALID");

            TestCertificates.Issued fresh = TestCertificates.issue(http, "CCXP", "After Rotation");
            SignedJWT freshJwt = SignedJWT.parse(fresh.credential());
            assertThat(freshJwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(freshJwt.getHeader().getKeyID()).isEqualTo(url + "/keys/key-b");

            for (String credential : List.of(old.credential(), fresh.credential())) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int exit = new VerifyCommand(Map.of(), Clock.systemUTC(), System.in,
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))
                    .run(new String[] {"--registry", url, "--cache", keys.resolve("cache").toString(), credential});
                assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(VerifyCommand.VALID);
            }
        }
    }

    @Test
    void theProductionProfileRefusesTheDevelopmentKey() throws Exception {
        Map<String, Object> properties = base(freePort());
        properties.put("registry.security.users[0].name", "operator");
        properties.put("registry.security.users[0].password-hash", "{noop}a-real-password-for-this-test");
        properties.put("registry.security.users[0].roles[0]", "ADMIN");
        assertThatThrownBy(() -> start(properties, "prod").close())
            .hasStackTraceContaining("refuses the public DEVELOPMENT key");

        // renamed, it is still the development key
        properties.put("registry.keys.active.kid", "prod-2027");
        properties.put("registry.keys.active.pem", DevelopmentKeys.privateKeyPem());
        assertThatThrownBy(() -> start(properties, "prod").close())
            .hasStackTraceContaining("refuses the public DEVELOPMENT key");

        // a real key, but the development key still published as retired
        GenerateKey.Generated real = GenerateKey.generate("prod-2027", "ES256", "CN=prod", Duration.ofDays(30));
        properties.put("registry.keys.active.pem", real.privateKeyPem());
        properties.put("registry.keys.retired[0].kid", DevelopmentKeys.KEY_ID);
        properties.put("registry.keys.retired[0].pem", DevelopmentKeys.certificatePem());
        assertThatThrownBy(() -> start(properties, "prod").close())
            .hasStackTraceContaining("among its retired keys");
    }
}
