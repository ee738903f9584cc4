package org.certregistry.verifier.receipt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.verifier.check.HeaderCheck;
import org.certregistry.verifier.cli.VerifyCommand;
import org.certregistry.verifier.keys.JwksKeySource;
import org.certregistry.verifier.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BatchReceiptCheckTest {

    static final ECKey KEY = TestKeys.ec("registry-1");
    static final String REGISTRY = "https://registry.example";

    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    final BatchReceipt receipt = new BatchReceipt(REGISTRY, Instant.parse("2026-11-29T15:00:00Z"),
            Instant.parse("2027-11-29T15:00:00Z"), List.of(
            new BatchReceipt.Row(1, "CCXP-7K3-M9Q-XT4", "CCXP-7K3-M9Q-XT4", "VALID", "MATCH"),
            new BatchReceipt.Row(2, "CCXP-000", null, "NOT_FOUND", "NOT_GIVEN")));
    final BatchReceiptCheck check = new BatchReceiptCheck(JwksKeySource.of(TestKeys.publish(KEY)), REGISTRY, NOW);

    @TempDir
    Path dir;

    static String sign(JWTClaimsSet claims, ECKey key) throws JOSEException {
        return sign(claims, key, BatchReceipt.headerType());
    }

    static String sign(JWTClaimsSet claims, ECKey key, JOSEObjectType type) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(type).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aReceiptSignedByTheRegistryReadsBackRowForRow() throws Exception {
        BatchReceiptCheck.Result result = check.check(sign(receipt.claims(), KEY));
        assertThat(result).isEqualTo(new BatchReceiptCheck.Result.Genuine(receipt));
    }

    @Test
    void aChangedReceiptAnotherKeyAnotherIssuerOrAnotherTypeIsRefused() throws Exception {
        String token = sign(receipt.claims(), KEY);
        String[] parts = token.split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("NOT_FOUND", "VALID");
        String changed = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
            .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(check.check(changed)).isInstanceOfSatisfying(BatchReceiptCheck.Result.Refused.class,
                r -> assertThat(r.reason()).contains("signature does not match"));
        assertThat(check.check(sign(receipt.claims(), TestKeys.ec("registry-1"))))
            .isInstanceOf(BatchReceiptCheck.Result.Refused.class);
        BatchReceipt elsewhere = new BatchReceipt("https://other.example", receipt.checkedAt(), receipt.expiresAt(), receipt.rows());
        assertThat(check.check(sign(elsewhere.claims(), KEY))).isInstanceOfSatisfying(BatchReceiptCheck.Result.Refused.class,
                r -> assertThat(r.reason()).contains("issued by https://other.example"));
        JWTClaimsSet credential = new JWTClaimsSet.Builder(receipt.claims()).claim("type", "VerifiableCredential").build();
        assertThat(check.check(sign(credential, KEY))).isInstanceOf(BatchReceiptCheck.Result.Refused.class);
        assertThat(check.check("not a receipt")).isInstanceOf(BatchReceiptCheck.Result.Refused.class);
    }

    @Test
    void aReceiptHasAHeaderTypeOfItsOwnThatTheCredentialHeaderCheckRefusesAndTheReceiptReaderRequires() throws Exception {
        SignedJWT signed = SignedJWT.parse(sign(receipt.claims(), KEY));
        assertThat(signed.getHeader().getType().getType()).isEqualTo("vnd.certregistry.receipt+jwt");
        assertThat(HeaderCheck.problem(signed.getHeader(), Set.of(JWSAlgorithm.ES256)))
            .isEqualTo("This is the registry's bulk-verification receipt (header type vnd.certregistry.receipt+jwt), not a credential.");

        // the same claims under a credential's header: no receipt
        assertThat(check.check(sign(receipt.claims(), KEY, JOSEObjectType.JWT))).isInstanceOfSatisfying(
                BatchReceiptCheck.Result.Refused.class, r -> assertThat(r.reason()).contains("header type is JWT"));
    }

    @Test
    void aReceiptForAnotherAudienceWithoutExpiryOrPastItIsRefused() throws Exception {
        assertThat(receipt.claims().getAudience()).containsExactly(REGISTRY + "/verify/batch");
        assertThat(receipt.claims().getExpirationTime().toInstant()).isEqualTo(receipt.expiresAt());

        JWTClaimsSet noAudience = new JWTClaimsSet.Builder(receipt.claims()).audience((String) null).build();
        JWTClaimsSet otherAudience = new JWTClaimsSet.Builder(receipt.claims()).audience(REGISTRY).build();
        JWTClaimsSet noExpiry = new JWTClaimsSet.Builder(receipt.claims()).expirationTime(null).build();
        assertThat(check.check(sign(noAudience, KEY))).isInstanceOfSatisfying(BatchReceiptCheck.Result.Refused.class,
                r -> assertThat(r.reason()).contains("not meant for receipt readers"));
        assertThat(check.check(sign(otherAudience, KEY))).isInstanceOfSatisfying(BatchReceiptCheck.Result.Refused.class,
                r -> assertThat(r.reason()).contains("its audience is [" + REGISTRY + "]"));
        assertThat(check.check(sign(noExpiry, KEY))).isInstanceOfSatisfying(BatchReceiptCheck.Result.Refused.class,
                r -> assertThat(r.reason()).isEqualTo("The receipt has no expiry."));

        BatchReceiptCheck later = new BatchReceiptCheck(JwksKeySource.of(TestKeys.publish(KEY)), REGISTRY,
                Clock.fixed(receipt.expiresAt(), ZoneOffset.UTC));
        assertThat(later.check(sign(receipt.claims(), KEY))).isInstanceOfSatisfying(BatchReceiptCheck.Result.Refused.class,
                r -> assertThat(r.reason()).isEqualTo("The receipt expired on 2027-11-29T15:00:00Z."));
    }

    @Test
    void echoedCellsAreBoundedAndFreeOfControlCharactersInWhatIsSignedAndInWhatTheCommandLinePrints() throws Exception {
        String hostile = "\u001b]0;owned\u0007\u001b[2J\u202eCCXP" + "x".repeat(1000) + "\r\n";
        BatchReceipt.Row row = new BatchReceipt.Row(3, hostile, null, "NOT_FOUND", "NOT_GIVEN");
        assertThat(row.input()).hasSize(BatchReceipt.MAX_CELL).startsWith("]0;owned[2JCCXPxx").endsWith("x…")
            .doesNotContain("\u001b", "\u0007", "\u202e", "\r", "\n");
        assertThat(BatchReceipt.cell(row.input())).isEqualTo(row.input());
        assertThat(BatchReceipt.cell("Zoë 🙂 Ångström")).isEqualTo("Zoë 🙂 Ångström");

        BatchReceipt signed = new BatchReceipt(REGISTRY, receipt.checkedAt(), receipt.expiresAt(), List.of(row));
        @SuppressWarnings("unchecked")
        Map<String, Object> claimed = ((List<Map<String, Object>>) signed.claims().getClaim("rows")).get(0);
        assertThat(claimed.get("input")).isEqualTo(row.input());

        // a receipt whose rows were signed raw, as before: printed without them
        JWTClaimsSet raw = new JWTClaimsSet.Builder(receipt.claims())
            .claim("rows", List.of(Map.of("row", 3, "input", hostile, "outcome", "NOT_FOUND", "name", "NOT_GIVEN\u001b[31m"))).build();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), TestKeys.publish(KEY).toString());
        Path file = Files.writeString(dir.resolve("receipt.jwt"), sign(raw, KEY));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VerifyCommand command = new VerifyCommand(Map.of(), NOW, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(command.run(new String[] { "--receipt", "--registry", REGISTRY, "--jwks", jwks.toString(), file.toString() }))
            .isEqualTo(0);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("GENUINE — 1 rows").doesNotContain("\u001b", "\u0007", "\u202e", "\r");
        assertThat(printed.lines().mapToInt(String::length).max().orElseThrow()).isLessThan(BatchReceipt.MAX_CELL * 2);
    }

    @Test
    void theCommandLineChecksAReceiptFileAgainstALocalKeySet() throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), TestKeys.publish(KEY).toString());
        Path file = Files.writeString(dir.resolve("receipt.jwt"), sign(receipt.claims(), KEY));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VerifyCommand command = new VerifyCommand(Map.of(), Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int exit = command.run(new String[] { "--receipt", "--registry", REGISTRY, "--jwks", jwks.toString(), file.toString() });
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("GENUINE — 2 rows checked by " + REGISTRY,
                "CCXP-7K3-M9Q-XT4", "NOT_FOUND");

        Files.writeString(file, sign(receipt.claims(), TestKeys.ec("registry-1")));
        out.reset();
        assertThat(command.run(new String[] { "--receipt", "--registry", REGISTRY, "--jwks", jwks.toString(), file.toString() }))
            .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("NOT GENUINE");
    }
}
