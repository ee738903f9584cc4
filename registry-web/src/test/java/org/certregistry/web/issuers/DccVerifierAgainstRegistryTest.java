package org.certregistry.web.issuers;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.certregistry.issuer.credential.OpenBadgeClaims;
import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Digital Credentials Consortium's verifier (npm {@code @digitalcredentials/verifier-core}
 * 1.0.0-beta.11, as pinned by {@code issuer/src/test/node/package-lock.json}) verifies Data
 * Integrity credentials downloaded by their holders from this running registry, fetching the
 * verification method, the issuer's controller document and both status lists from it over HTTP
 * ({@code src/test/node/verify-registry-twin.mjs}); only the official OB 3.0 JSON Schema and the
 * Multikey context are answered locally. The same script expands the issuer Profile and the
 * Achievement as JSON-LD in safe mode. Skipped, with a message, where {@code node}/{@code npm} are absent.
 */
class DccVerifierAgainstRegistryTest extends RegistryIntegrationTest {

    static final Path NODE_DIR = Path.of("target", "dcc-node").toAbsolutePath();
    static final Path SCHEMA = Path.of("../issuer/src/test/resources/org/certregistry/issuer/credential/"
            + "ob_v3p0_achievementcredential_schema.json");

    /** The Multikey context (the DCC loader bundles none; the verifier never expands the documents using it, our expansion does). */
    static final Path MULTIKEY_CONTEXT = Path.of("../issuer/src/main/resources/org/certregistry/issuer/credential/contexts/"
            + "multikey-v1.jsonld");

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @BeforeAll
    static void installVerifierCore() throws Exception {
        assumeTrue(runs("node", "--version") && runs("npm", "--version"),
                "node and npm are not installed: the DCC verifier test is skipped");
        Files.createDirectories(NODE_DIR);
        Path packages = Path.of("../issuer/src/test/node");
        boolean lockChanged = !Files.exists(NODE_DIR.resolve("package-lock.json"))
                || Files.mismatch(packages.resolve("package-lock.json"), NODE_DIR.resolve("package-lock.json")) != -1;
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(packages.resolve(file), NODE_DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(Path.of("src/test/node/verify-registry-twin.mjs"), NODE_DIR.resolve("verify-registry-twin.mjs"),
                StandardCopyOption.REPLACE_EXISTING);
        if (lockChanged || !Files.isDirectory(NODE_DIR.resolve("node_modules/@digitalcredentials/verifier-core"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(NODE_DIR.toFile())
                .redirectErrorStream(true).redirectOutput(NODE_DIR.resolve("npm-ci.log").toFile()).start();
            assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
            assertThat(npm.exitValue()).as("npm ci (see target/dcc-node/npm-ci.log)").isZero();
        }
    }

    @Test
    void theDccVerifierChecksValidRevokedSuspendedAndChangedCredentialsFromTheRegistry() throws Exception {
        AdminApi admin = new AdminApi(http);
        TestCertificates.Issued valid = TestCertificates.issue(http, "CCXP", "Valid Holder");
        TestCertificates.Issued revoked = TestCertificates.issue(http, "CCXP", "Revoked Holder");
        TestCertificates.Issued suspended = TestCertificates.issue(http, "CCXP", "Suspended Holder");
        String validTwin = twin(valid);
        // a twin signed when first asked for (as a cohort's may be, before its fill): the very bytes stored at issuance
        db.sql("SET session_replication_role = replica; UPDATE credential_version v SET data_integrity = NULL "
                + "FROM certificate c WHERE c.id = v.certificate_id AND c.number = '" + valid.number() + "'; "
                + "SET session_replication_role = origin").then().block(java.time.Duration.ofSeconds(10));
        assertThat(twin(valid)).isEqualTo(validTwin);
        String revokedTwin = twin(revoked);
        String suspendedTwin = twin(suspended);
        TestCertificates.revoke(http, revoked.number());
        admin.act(suspended.number(), "suspend", "Under review", null).expectStatus().isOk();
        String tampered = validTwin.replace("Valid Holder", "Valid HoldeR");
        assertThat(tampered).isNotEqualTo(validTwin).hasSameSizeAs(validTwin);

        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("valid", validTwin);
        cases.put("revoked", revokedTwin);
        cases.put("suspended", suspendedTwin);
        cases.put("tampered", tampered);
        JsonObject answer = verify(cases, List.of(BASE_URL + "/issuers/cxpa", BASE_URL + "/achievements/ccxp"));

        JsonObject ok = result(answer, "valid");
        assertThat(ok.getJsonArray("errors")).as(ok.toString()).isEmpty();
        assertThat(step(ok, "valid_signature")).as(ok.toString()).isTrue();
        assertThat(step(ok, "revocation_status")).as(ok.toString()).isTrue();
        assertThat(step(ok, "suspension_status")).as(ok.toString()).isTrue();
        assertThat(step(ok, "expiration")).as(ok.toString()).isTrue();

        JsonObject gone = result(answer, "revoked");
        assertThat(step(gone, "valid_signature")).as(gone.toString()).isTrue();
        assertThat(step(gone, "revocation_status")).as(gone.toString()).isFalse();
        assertThat(step(gone, "suspension_status")).as(gone.toString()).isTrue();

        JsonObject paused = result(answer, "suspended");
        assertThat(step(paused, "valid_signature")).as(paused.toString()).isTrue();
        assertThat(step(paused, "revocation_status")).as(paused.toString()).isTrue();
        assertThat(step(paused, "suspension_status")).as(paused.toString()).isFalse();

        JsonObject changed = result(answer, "tampered");
        assertThat(changed.getJsonArray("errors")).as(changed.toString()).isNotEmpty();
        assertThat(changed.getJsonArray("errors").getJsonObject(0).getString("name")).isEqualTo("invalid_signature");

        assertThat(answer.getJsonArray("unanswered")).as("fetches that would have left the machine").isEmpty();
        assertThat(answer.getJsonArray("requested").getValuesAs(JsonObject.class))
            .as("the verifier read the status lists from the registry")
            .anySatisfy(r -> assertThat(r.getString("url")).endsWith("/suspension"));

        JsonObject profile = answer.getJsonObject("expanded").getJsonObject(BASE_URL + "/issuers/cxpa");
        assertThat(profile.getJsonArray("type").getString(0)).isEqualTo("https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile");
        assertThat(profile.getJsonArray("properties").getValuesAs(jakarta.json.JsonString.class))
            .extracting(jakarta.json.JsonString::getString)
            .contains("https://schema.org/name", "https://schema.org/url", "https://schema.org/description",
                    "https://w3id.org/security#assertionMethod", "https://w3id.org/security#verificationMethod");
        JsonObject achievement = answer.getJsonObject("expanded").getJsonObject(BASE_URL + "/achievements/ccxp");
        assertThat(achievement.getJsonArray("type").getString(0))
            .isEqualTo("https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement");
        assertThat(achievement.getJsonArray("properties").getValuesAs(jakarta.json.JsonString.class))
            .extracting(jakarta.json.JsonString::getString)
            .contains("https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria", "https://schema.org/name",
                    "https://schema.org/description",
                    "https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievementType",
                    "https://purl.imsglobal.org/spec/vc/ob/vocab.html#creator");
    }

    /** The Data Integrity credential as its holder downloads it. */
    private String twin(TestCertificates.Issued issued) {
        return http.get().uri(issued.holderUrl() + "/credential.json").exchange()
            .expectStatus().isOk()
            .expectHeader().contentType("application/ld+json")
            .expectBody(String.class).returnResult().getResponseBody();
    }

    private static JsonObject verify(Map<String, String> credentials, List<String> expand) throws Exception {
        Path run = Files.createTempDirectory(NODE_DIR, "run");
        try (var schema = Files.newBufferedReader(SCHEMA); var multikey = Files.newBufferedReader(MULTIKEY_CONTEXT)) {
            Files.writeString(run.resolve("local.json"), Json.createObjectBuilder()
                .add(OpenBadgeClaims.SCHEMA_ID, Json.createReader(schema).readObject())
                .add("https://w3id.org/security/multikey/v1", Json.createReader(multikey).readObject()).build().toString());
        }
        var cases = Json.createArrayBuilder();
        credentials.forEach((name, json) -> cases.add(Json.createObjectBuilder().add("name", name)
            .add("credential", Json.createReader(new StringReader(json)).readObject())));
        Files.writeString(run.resolve("cases.json"), cases.build().toString());
        Files.writeString(run.resolve("expand.json"), Json.createArrayBuilder(expand).build().toString());
        Process node = new ProcessBuilder("node", "verify-registry-twin.mjs", BASE_URL, run.toString()).directory(NODE_DIR.toFile())
            .redirectError(run.resolve("stderr.txt").toFile()).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(node.exitValue()).as("node: " + Files.readString(run.resolve("stderr.txt"))).isZero();
        Files.writeString(run.resolve("answer.json"), out);
        return Json.createReader(new StringReader(out)).readObject();
    }

    private static JsonObject result(JsonObject answer, String name) {
        return answer.getJsonArray("results").getValuesAs(JsonObject.class).stream()
            .filter(r -> r.getString("name").equals(name)).findFirst().orElseThrow();
    }

    /** The {@code valid} of a log step, or null when the verifier logged no such step. */
    private static Boolean step(JsonObject result, String id) {
        return result.getJsonArray("log").getValuesAs(JsonObject.class).stream()
            .filter(s -> s.getString("id").equals(id)).findFirst()
            .map(s -> s.containsKey("valid") && !s.isNull("valid") ? s.getBoolean("valid") : null).orElse(null);
    }

    static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
