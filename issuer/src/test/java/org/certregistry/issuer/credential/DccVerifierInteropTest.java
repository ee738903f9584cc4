package org.certregistry.issuer.credential;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Digital Credentials Consortium's verifier (npm {@code @digitalcredentials/verifier-core}
 * 1.0.0-beta.11, what the Learner Credential Wallet and VerifierPlus run) checks our twin.
 * {@code src/test/node/verify-twin.mjs} answers every fetch it makes from the documents this test
 * writes (verification method, controller document, status lists): nothing goes to the network.
 * Skipped, with a message, where {@code node}/{@code npm} are absent.
 */
class DccVerifierInteropTest {

    private static final Path NODE_DIR = Path.of("target", "dcc-node");
    private final DataIntegritySigner signer = new DataIntegritySigner(TwinFixtures.developmentKey());

    @BeforeAll
    static void installVerifierCore() throws Exception {
        Assumptions.assumeTrue(runs("node", "--version") && runs("npm", "--version"),
                "node and npm are not installed: the DCC verifier interop test is skipped");
        Files.createDirectories(NODE_DIR);
        Path source = Path.of("src", "test", "node");
        boolean lockChanged = !Files.exists(NODE_DIR.resolve("package-lock.json"))
                || Files.mismatch(source.resolve("package-lock.json"), NODE_DIR.resolve("package-lock.json")) != -1;
        for (String file : List.of("package.json", "package-lock.json", "verify-twin.mjs")) {
            Files.copy(source.resolve(file), NODE_DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (lockChanged || !Files.isDirectory(NODE_DIR.resolve("node_modules/@digitalcredentials/verifier-core"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(NODE_DIR.toFile())
                .redirectErrorStream(true).redirectOutput(NODE_DIR.resolve("npm-ci.log").toFile()).start();
            assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
            assertThat(npm.exitValue()).as("npm ci (see target/dcc-node/npm-ci.log)").isZero();
        }
    }

    @Test
    void theDccVerifierAcceptsTheTwinAndRefusesAChangedByte() throws Exception {
        String twin = signer.sign(TwinFixtures.content(), TwinFixtures.SIGNED_AT);
        String tampered = twin.replace("Passed the CCXP examination.", "Passed the CCXP examinatioN.");
        assertThat(tampered).isNotEqualTo(twin).hasSameSizeAs(twin);

        JsonObject answer = verify(TwinFixtures.documents(signer, new BitSet(), new BitSet()),
                Map.of("valid", twin, "tampered", tampered));

        JsonObject valid = result(answer, "valid");
        assertThat(valid.getJsonArray("errors")).as(valid.toString()).isEmpty();
        assertThat(step(valid, "valid_signature")).as(valid.toString()).isTrue();
        assertThat(step(valid, "revocation_status")).as(valid.toString()).isTrue();
        assertThat(step(valid, "suspension_status")).as(valid.toString()).isTrue();
        assertThat(step(valid, "expiration")).as(valid.toString()).isTrue();

        JsonObject changed = result(answer, "tampered");
        assertThat(changed.getJsonArray("errors")).as(changed.toString()).isNotEmpty();
        assertThat(changed.getJsonArray("errors").getJsonObject(0).getString("name")).isEqualTo("invalid_signature");

        assertThat(answer.getJsonArray("unanswered")).as("fetches that would have left the machine").isEmpty();
    }

    @Test
    void theDccVerifierReadsTheRevocationBit() throws Exception {
        String twin = signer.sign(TwinFixtures.content(), TwinFixtures.SIGNED_AT);
        BitSet revoked = new BitSet();
        revoked.set(TwinFixtures.content().status().index());
        JsonObject answer = verify(TwinFixtures.documents(signer, revoked, new BitSet()), Map.of("revoked", twin));
        JsonObject result = result(answer, "revoked");
        assertThat(step(result, "valid_signature")).as(result.toString()).isTrue();
        assertThat(step(result, "revocation_status")).as(result.toString()).isFalse();
        assertThat(answer.getJsonArray("unanswered")).isEmpty();
    }

    private static JsonObject verify(Map<String, Object> documents, Map<String, String> credentials) throws Exception {
        documents = new LinkedHashMap<>(documents);
        // verifier-core validates against the credentialSchema it names: the official schema, kept in our tests
        try (var schema = DccVerifierInteropTest.class.getResourceAsStream("ob_v3p0_achievementcredential_schema.json")) {
            documents.put(OpenBadgeClaims.SCHEMA_ID, Json.createReader(schema).readObject());
        }
        Path run = Files.createTempDirectory(NODE_DIR.toAbsolutePath(), "run");
        Files.writeString(run.resolve("documents.json"), IssuerDocuments.json(documents));
        var cases = Json.createArrayBuilder();
        credentials.forEach((name, json) -> cases.add(Json.createObjectBuilder().add("name", name)
            .add("credential", Json.createReader(new StringReader(json)).readObject())));
        Files.writeString(run.resolve("cases.json"), cases.build().toString());
        Process node = new ProcessBuilder("node", "verify-twin.mjs", run.toString()).directory(NODE_DIR.toFile())
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

    private static boolean runs(String... command) {
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
