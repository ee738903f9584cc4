package org.certregistry.verifier.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.verifier.support.MutableClock;
import org.certregistry.verifier.support.TestCredentials;
import org.certregistry.verifier.support.TestDocuments;
import org.certregistry.verifier.support.TestKeys;
import org.certregistry.verifier.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest {

    static final ECKey KEY = TestKeys.ec("issuer-1");

    final TestRegistry registry = new TestRegistry().jwks(KEY);
    final MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        registry.close();
    }

    String credential() {
        return TestCredentials.signedWith(KEY)
            .claim("issuer", Map.of("id", registry.issuerId(), "type", java.util.List.of("Profile"), "name", "CXPA"))
            .claim("iss", registry.issuerId())
            .status(registry.baseUrl() + "/status/1", 4242)
            .jwt();
    }

    void registryKnows(String status, String validFrom) {
        registry.serve("/api/v1/certificates/" + TestCredentials.NUMBER, "{\"number\":\"" + TestCredentials.NUMBER
                + "\",\"status\":\"" + status + "\",\"validFrom\":\"" + validFrom + "\"}");
    }

    int run(String... args) {
        out.reset();
        err.reset();
        VerifyCommand command = new VerifyCommand(Map.of(), clock, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return command.run(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String[] args(String... rest) {
        String[] base = {"--registry", registry.baseUrl(), "--cache", dir.resolve("cache").toString()};
        String[] all = new String[base.length + rest.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(rest, 0, all, base.length, rest.length);
        return all;
    }

    @Test
    void aValidCredentialExitsZeroWithAHumanReport() {
        registry.statusList(1, KEY, registry.issuerId());
        registryKnows("VALID", "2026-03-01T00:00:00Z");
        assertThat(run(args(credential()))).as(out()).isEqualTo(0);
        assertThat(out()).startsWith("VALID").contains("Zoë Ångström", "signature", "status", "registry");
    }

    @Test
    void aRevokedCredentialExitsOneAndJsonSaysWhy() throws Exception {
        registry.statusList(1, KEY, registry.issuerId(), 4242);
        registryKnows("REVOKED", "2026-03-01T00:00:00Z");
        assertThat(run(args("--json", credential()))).isEqualTo(1);
        Map<String, Object> json = JSONObjectUtils.parse(out());
        assertThat(json.get("verdict")).isEqualTo("REVOKED");
        assertThat(JSONObjectUtils.getJSONObjectArray(json, "checks")).anySatisfy(c -> {
            assertThat(c.get("check")).isEqualTo("status");
            assertThat(c.get("outcome")).isEqualTo("FAILED");
        });
    }

    @Test
    void anOlderVersionIsSupersededAndExitsOne() {
        registry.statusList(1, KEY, registry.issuerId());
        registryKnows("VALID", "2028-03-01T00:00:00Z");
        assertThat(run(args(credential()))).isEqualTo(1);
        assertThat(out()).startsWith("SUPERSEDED");
    }

    @Test
    void aForgeryExitsOne() {
        String forged = TestCredentials.signedWith(TestKeys.ec("issuer-1")).jwt();
        assertThat(run(args(forged))).isEqualTo(1);
        assertThat(out()).startsWith("INVALID");
    }

    @Test
    void anUnreachableRegistryExitsTwo() {
        registry.down(true);
        assertThat(run(args(credential()))).isEqualTo(2);
        assertThat(out()).startsWith("UNDETERMINED");
    }

    @Test
    void offlineUsesTheCacheAndReportsItsAge() throws Exception {
        registry.statusList(1, KEY, registry.issuerId());
        registryKnows("VALID", "2026-03-01T00:00:00Z");
        String jwt = credential();
        assertThat(run(args(jwt))).isEqualTo(0);
        registry.close();
        clock.advance(Duration.ofHours(5));
        assertThat(run(args("--offline", jwt))).as(out()).isEqualTo(0);
        assertThat(out()).contains("cached copy fetched 5 h 0 min ago");
        clock.advance(Duration.ofDays(8));
        assertThat(run(args("--offline", jwt))).as("a week-old revocation list cannot vouch").isEqualTo(2);
    }

    @Test
    void aPdfAndAQrPictureAreReadFromFiles() throws Exception {
        registry.statusList(1, KEY, registry.issuerId());
        registryKnows("VALID", "2026-03-01T00:00:00Z");
        String jwt = credential();
        registry.serve("/api/v1/certificates/" + TestCredentials.NUMBER + "/credential", jwt);
        Path pdf = Files.write(dir.resolve("certificate.pdf"),
                TestDocuments.pdf(registry.baseUrl() + "/v/" + TestCredentials.NUMBER, jwt));
        assertThat(run(args(pdf.toString()))).as(out()).isEqualTo(0);
        Path png = Files.write(dir.resolve("qr.png"),
                TestDocuments.png(TestDocuments.qr(registry.baseUrl() + "/v/" + TestCredentials.NUMBER, 300)));
        assertThat(run(args(png.toString()))).as(out()).isEqualTo(0);
    }

    @Test
    void aLocalJwksFileIsTheOnlyKeySourceWhenGiven() throws Exception {
        registry.statusList(1, KEY, registry.issuerId());
        registryKnows("VALID", "2026-03-01T00:00:00Z");
        Path jwks = Files.writeString(dir.resolve("jwks.json"), TestKeys.publish(TestKeys.ec("other")).toString());
        assertThat(run(args("--jwks", jwks.toString(), credential()))).isEqualTo(1);
        assertThat(out()).contains("publishes no key issuer-1");
    }

    @Test
    void usageErrorsExitSixtyFour() {
        assertThat(run()).isEqualTo(64);
        assertThat(run("--bogus", "x")).isEqualTo(64);
        assertThat(run("--registry")).isEqualTo(64);
        assertThat(run("--registry", "ftp://x", "a.b.c")).isEqualTo(64);
        assertThat(run("a.b.c", "d.e.f")).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: verify");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aHostileFileIsAnsweredQuicklyWithAClearMessageAndExitCodeTwo() throws Exception {
        // 400 finder patterns in 1.1 KB: ~27 s per zxing multi-code scan before the limits
        Path png = Files.write(dir.resolve("hostile.png"), TestDocuments.png(TestDocuments.finderGrid(20)));
        assertThat(run(args(png.toString()))).as(out()).isEqualTo(2);
        assertThat(out()).contains("UNDETERMINED", "finder patterns", "too costly to read");
    }
}
