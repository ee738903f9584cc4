package org.certregistry.issuer.credential;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusListClaimsTest {

    static final IssuerProfile CXPA = new IssuerProfile("https://registry.example/issuers/cxpa", "CXPA");

    @Test
    void theListIsAVc2BitstringStatusListCredentialForRevocation() {
        BitSet revoked = new BitSet();
        revoked.set(5);
        JWTClaimsSet claims = StatusListClaims.of("https://registry.example/status/1", CXPA, 131_072, revoked,
                Instant.parse("2027-01-01T10:00:00.123Z"), Duration.ofSeconds(1));
        Map<String, Object> json = claims.toJSONObject();
        assertThat(json.get("type")).isEqualTo(List.of("VerifiableCredential", "BitstringStatusListCredential"));
        assertThat(json.get("id")).isEqualTo("https://registry.example/status/1");
        assertThat(json.get("iss")).isEqualTo(CXPA.id());
        assertThat(json.get("validFrom")).isEqualTo("2027-01-01T10:00:00Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> subject = (Map<String, Object>) json.get("credentialSubject");
        assertThat(subject).containsEntry("type", "BitstringStatusList").containsEntry("statusPurpose", "revocation")
            .containsEntry("ttl", 1000L);
    }

    @Test
    void theEncodedListIsMultibaseBase64urlGzipWithIndexZeroTheLeftMostBit() throws Exception {
        BitSet revoked = new BitSet();
        revoked.set(0);
        revoked.set(9);
        String encoded = StatusListClaims.encode(revoked, 131_072);
        assertThat(encoded).startsWith("u").doesNotContain("=", "+", "/");
        byte[] bits = new GZIPInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(encoded.substring(1))))
            .readAllBytes();
        assertThat(bits).hasSize(16_384);
        assertThat(bits[0]).isEqualTo((byte) 0x80);
        assertThat(bits[1]).isEqualTo((byte) 0x40);
        assertThat(bits[2]).isZero();
    }

    @Test
    void aListSmallerThanTheSpecMinimumIsRefused() {
        assertThatThrownBy(() -> StatusListClaims.of("u", CXPA, 1024, new BitSet(), Instant.now(), Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
