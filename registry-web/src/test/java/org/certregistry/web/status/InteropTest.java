package org.certregistry.web.status;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Independent implementations read what we publish: npm {@code jose} verifies our credential and
 * our status list against our JWKS over HTTP and with the JWK each token's {@code kid} URL answers, and {@code @digitalbazaar/vc-bitstring-status-list}
 * decodes the list and reads the revoked bit (src/test/node/interop.mjs). Skipped only where
 * Node.js is not installed; installs its pinned packages with {@code npm ci} when missing.
 */
class InteropTest extends RegistryIntegrationTest {

    static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();

    @Autowired
    WebTestClient http;

    @BeforeAll
    static void nodeAndPackages() throws Exception {
        assumeTrue(run(List.of("node", "--version"), 30).exit() == 0, "Node.js is not installed");
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules"))) {
            Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            assertThat(ci.exit()).as(ci.output()).isZero();
        }
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process;
        try {
            File log = File.createTempFile("interop", ".log");
            log.deleteOnExit();
            process = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            return new Result(-1, ex.getMessage());
        }
    }

    Map<String, Object> independentCheck(String credential) throws Exception {
        Result result = run(List.of("node", "interop.mjs", BASE_URL, credential), 60);
        assertThat(result.exit()).as(result.output()).isZero();
        String[] lines = result.output().strip().split("\n");
        return JSONObjectUtils.parse(lines[lines.length - 1]);
    }

    @Test
    void joseVerifiesOurCredentialAndTheBitstringLibraryReadsOurRevocationBit() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Interoperable Person");
        Map<String, Object> before = independentCheck(issued.credential());
        assertThat(before).containsEntry("alg", "ES256").containsEntry("number", issued.number())
            .containsEntry("kid", BASE_URL + "/keys/dev-es256-1").containsEntry("listKid", BASE_URL + "/keys/dev-es256-1")
            .containsEntry("revoked", false);
        assertThat(((Number) before.get("listLength")).intValue()).isGreaterThanOrEqualTo(131_072);

        TestCertificates.revoke(http, issued.number());

        assertThat(independentCheck(issued.credential())).containsEntry("revoked", true);
    }

    @Test
    void joseRefusesATamperedCredential() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CXSP", "Tamper Target");
        String[] parts = issued.credential().split("\\.");
        String other = TestCertificates.issue(http, "CXSP", "Someone Else").credential().split("\\.")[1];
        Result result = run(List.of("node", "interop.mjs", BASE_URL, parts[0] + "." + other + "." + parts[2]), 60);
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("signature verification failed");
    }
}
