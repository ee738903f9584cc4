package org.certregistry.issuer.credential;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.BitSet;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Builds the claims set of a W3C {@code BitstringStatusListCredential} (VC Data Model 2.0,
 * purpose {@code revocation} unless told otherwise), signed like every credential of the issuer. {@code encodedList} is
 * multibase {@code u} + base64url (no padding) of the GZIP of the bitstring, index 0 being the
 * left-most bit of the first byte.
 */
public final class StatusListClaims {

    /** The spec's minimum number of entries (16 KiB of bits), for herd privacy. */
    public static final int MIN_SIZE = 131_072;

    private StatusListClaims() {
    }

    /**
     * @param listUrl the list's URL, also its id
     * @param issuer the awarding body whose credentials the list covers
     * @param size entries in the list (a multiple of 8, at least {@link #MIN_SIZE})
     * @param revoked the set indexes
     * @param validFrom when this snapshot of the list was made
     * @param ttl how long a relying party may keep it
     */
    public static JWTClaimsSet of(String listUrl, IssuerProfile issuer, int size, BitSet revoked, Instant validFrom,
            Duration ttl) {
        return of(listUrl, issuer, size, revoked, validFrom, ttl, StatusPurpose.REVOCATION);
    }

    /** As {@link #of(String, IssuerProfile, int, BitSet, Instant, Duration)}, for a list of the given purpose. */
    public static JWTClaimsSet of(String listUrl, IssuerProfile issuer, int size, BitSet set, Instant validFrom,
            Duration ttl, StatusPurpose purpose) {
        Map<String, Object> credential = credential(listUrl, issuer, size, set, validFrom, ttl, purpose);
        Instant from = validFrom.truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        credential.forEach(claims::claim);
        return claims
            .issuer(issuer.id())
            .jwtID(listUrl)
            .subject(listUrl + "#list")
            .notBeforeTime(Date.from(from))
            .issueTime(Date.from(from))
            .build();
    }

    /**
     * The {@code BitstringStatusListCredential} itself (no JWT registered claims): the claims of
     * the JWT form, and the unsigned document of the Data Integrity form.
     */
    public static Map<String, Object> credential(String listUrl, IssuerProfile issuer, int size, BitSet revoked,
            Instant validFrom, Duration ttl, StatusPurpose purpose) {
        Objects.requireNonNull(listUrl, "listUrl");
        Objects.requireNonNull(issuer, "issuer");
        if (size < MIN_SIZE || size % 8 != 0) {
            throw new IllegalArgumentException("a status list needs at least " + MIN_SIZE + " entries, in whole bytes");
        }
        if (revoked.length() > size) {
            throw new IllegalArgumentException("index " + (revoked.length() - 1) + " lies outside a list of " + size);
        }
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", listUrl + "#list");
        subject.put("type", "BitstringStatusList");
        subject.put("statusPurpose", purpose.value());
        subject.put("encodedList", encode(revoked, size));
        subject.put("ttl", ttl.toMillis());

        Map<String, Object> issuerJson = new LinkedHashMap<>();
        issuerJson.put("id", issuer.id());
        issuerJson.put("type", List.of("Profile"));
        issuerJson.put("name", issuer.name());

        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("@context", List.of(OpenBadgeClaims.VC_CONTEXT));
        credential.put("id", listUrl);
        credential.put("type", List.of("VerifiableCredential", "BitstringStatusListCredential"));
        credential.put("issuer", issuerJson);
        credential.put("validFrom", validFrom.truncatedTo(ChronoUnit.SECONDS).toString());
        credential.put("credentialSubject", subject);
        return credential;
    }

    /** multibase 'u' + base64url(GZIP(bits)), index 0 = most significant bit of byte 0. */
    public static String encode(BitSet set, int size) {
        byte[] bits = new byte[size / 8];
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            bits[i >>> 3] |= (byte) (0x80 >>> (i & 7));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bits);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }
}
