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

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.verifier.cli.VerifyCommand;
import org.certregistry.verifier.keys.JwksKeySource;
import org.certregistry.verifier.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BatchReceiptCheckTest {

    static final ECKey KEY = TestKeys.ec("registry-1");
    static final String REGISTRY = "https://registry.example";

    final BatchReceipt receipt = new BatchReceipt(REGISTRY, Instant.parse("2026-11-29T15:00:00Z"), List.of(
            new BatchReceipt.Row(1, "CCXP-7K3-M9Q-XT4", "CCXP-7K3-M9Q-XT4", "VALID", "MATCH"),
            new BatchReceipt.Row(2, "CCXP-000", null, "NOT_FOUND", "NOT_GIVEN")));
    final BatchReceiptCheck check = new BatchReceiptCheck(JwksKeySource.of(TestKeys.publish(KEY)), REGISTRY);

    @TempDir
    Path dir;

    static String sign(JWTClaimsSet claims, ECKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
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
        BatchReceipt elsewhere = new BatchReceipt("https://other.example", receipt.checkedAt(), receipt.rows());
        assertThat(check.check(sign(elsewhere.claims(), KEY))).isInstanceOfSatisfying(BatchReceiptCheck.Result.Refused.class,
                r -> assertThat(r.reason()).contains("issued by https://other.example"));
        JWTClaimsSet credential = new JWTClaimsSet.Builder(receipt.claims()).claim("type", "VerifiableCredential").build();
        assertThat(check.check(sign(credential, KEY))).isInstanceOf(BatchReceiptCheck.Result.Refused.class);
        assertThat(check.check("not a receipt")).isInstanceOf(BatchReceiptCheck.Result.Refused.class);
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
