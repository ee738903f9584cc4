package org.certregistry.web.status;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.BitSet;
import java.util.Date;
import java.util.Map;
import java.util.zip.Deflater;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The claims of an IETF Token Status List token (draft-ietf-oauth-status-list, section 5): {@code sub} its URL,
 * {@code iat}, {@code exp}, {@code ttl}, and {@code status_list} {@code {bits: 2, lst}} where {@code lst} is the
 * base64url of the ZLIB-compressed statuses, entry {@code i} in byte {@code i / 4} at bit {@code 2 * (i % 4)}
 * (least significant first). One list carries revocation and suspension: 0 VALID, 1 INVALID, 2 SUSPENDED.
 */
final class TokenStatusList {

    static final JOSEObjectType TYPE = new JOSEObjectType("statuslist+jwt");

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int SUSPENDED = 2;

    private TokenStatusList() {
    }

    static JWTClaimsSet claims(String url, int size, BitSet revoked, BitSet suspended, Instant now, Duration maxAge) {
        long ttl = Math.max(1, maxAge.toSeconds());
        return new JWTClaimsSet.Builder()
            .subject(url)
            .issueTime(Date.from(now))
            // a list older than a day is not to be trusted: verifiers fetch a fresh one (ttl says how often)
            .expirationTime(Date.from(now.plus(Duration.ofDays(1))))
            .claim("ttl", ttl)
            .claim("status_list", Map.of("bits", 2, "lst", lst(size, revoked, suspended)))
            .build();
    }

    /** The packed, compressed, encoded statuses of {@code size} entries. */
    static String lst(int size, BitSet revoked, BitSet suspended) {
        byte[] packed = new byte[(size + 3) / 4];
        for (int i = revoked.nextSetBit(0); i >= 0 && i < size; i = revoked.nextSetBit(i + 1)) {
            packed[i / 4] |= (byte) (INVALID << (2 * (i % 4)));
        }
        for (int i = suspended.nextSetBit(0); i >= 0 && i < size; i = suspended.nextSetBit(i + 1)) {
            if (!revoked.get(i)) {
                packed[i / 4] |= (byte) (SUSPENDED << (2 * (i % 4)));
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(zlib(packed));
    }

    private static byte[] zlib(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION); // the ZLIB format (RFC 1950), as the draft asks
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        }
        finally {
            deflater.end();
        }
    }
}
