package org.certregistry.web.status;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.BitSet;
import java.util.Map;
import java.util.zip.Inflater;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The IETF Token Status List form: two bits per entry, least significant first, ZLIB, base64url. */
class TokenStatusListTest {

    @Test
    void claimsWhenEntriesAreRevokedOrSuspendedThenTheirTwoBitsSayInvalidOrSuspended() throws Exception {
        BitSet revoked = new BitSet();
        revoked.set(1);
        revoked.set(9);
        BitSet suspended = new BitSet();
        suspended.set(3);
        suspended.set(9); // revoked and suspended: revoked wins
        JWTClaimsSet claims = TokenStatusList.claims("https://registry.example/status/1/token", 131_072, revoked, suspended,
                Instant.parse("2026-12-08T10:00:00Z"), Duration.ofSeconds(1));

        assertThat(claims.getSubject()).isEqualTo("https://registry.example/status/1/token");
        assertThat(claims.getLongClaim("ttl")).isEqualTo(1L);
        Map<String, Object> list = claims.getJSONObjectClaim("status_list");
        assertThat(list).containsEntry("bits", 2);
        byte[] packed = inflate(Base64.getUrlDecoder().decode((String) list.get("lst")));
        assertThat(packed).hasSize(131_072 / 4);
        // entries 0..3 in byte 0: 0 valid, 1 invalid (01 << 2), 2 valid, 3 suspended (10 << 6)
        assertThat(packed[0] & 0xff).isEqualTo(0b1000_0100);
        // entry 9 in byte 2 at bits 2-3: invalid
        assertThat(packed[2] & 0xff).isEqualTo(0b0000_0100);
        assertThat(packed[1]).isZero();
        for (int i = 3; i < packed.length; i++) {
            assertThat(packed[i]).isZero();
        }
    }

    static byte[] inflate(byte[] zlib) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(zlib);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!inflater.finished()) {
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        inflater.end();
        return out.toByteArray();
    }
}
