package org.certregistry.verifier.support;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Builds signed Open Badges credentials the way the registry issues them (see CREDENTIAL.md),
 * with a hook to change any claim or the header, for tests that must forge or tamper.
 */
public final class TestCredentials {

    public static final String REGISTRY = "https://registry.example";
    public static final String ISSUER = REGISTRY + "/issuers/cxpa";
    public static final String NUMBER = "CCXP-7QK-2MP-X4D";

    private final Map<String, Object> claims = new LinkedHashMap<>();
    private JWSHeader.Builder header;
    private JWK key;

    private TestCredentials(JWK key) {
        this.key = key;
        JWSAlgorithm alg = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
        this.header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(key.getKeyID());
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant until = Instant.parse("2028-03-01T00:00:00Z");
        String id = REGISTRY + "/credentials/5b0c1f0e-8f7a-4b8e-9d7a-0c3c7c1e2f11";
        String holder = REGISTRY + "/holders/0e1d2c3b-4a59-6877-8695-a4b3c2d1e0f9";
        claims.put("@context", List.of("https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
        claims.put("id", id);
        claims.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
        claims.put("issuer", new LinkedHashMap<>(Map.of("id", ISSUER, "type", List.of("Profile"), "name", "CXPA")));
        claims.put("validFrom", from.toString());
        claims.put("validUntil", until.toString());
        claims.put("awardedDate", from.toString());
        claims.put("name", "Certified Customer Experience Professional (CCXP)");
        Map<String, Object> achievement = new LinkedHashMap<>();
        achievement.put("id", REGISTRY + "/achievements/ccxp");
        achievement.put("type", List.of("Achievement"));
        achievement.put("achievementType", "Certification");
        achievement.put("name", "Certified Customer Experience Professional (CCXP)");
        achievement.put("description", "CX professionals.");
        achievement.put("criteria", Map.of("narrative", "Passed the exam."));
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", holder);
        subject.put("type", List.of("AchievementSubject"));
        subject.put("name", "Zoë Ångström");
        subject.put("licenseNumber", NUMBER);
        subject.put("achievement", achievement);
        claims.put("credentialSubject", subject);
        claims.put("credentialStatus", new LinkedHashMap<>(Map.of("id", REGISTRY + "/status/1#4242", "type",
                "BitstringStatusListEntry", "statusPurpose", "revocation", "statusListIndex", "4242",
                "statusListCredential", REGISTRY + "/status/1")));
        claims.put("iss", ISSUER);
        claims.put("jti", id);
        claims.put("sub", holder);
        claims.put("nbf", from.getEpochSecond());
        claims.put("exp", until.getEpochSecond());
    }

    /** A genuine credential signed with {@code key} (ES256 for EC, RS256 for RSA). */
    public static TestCredentials signedWith(JWK key) {
        return new TestCredentials(key);
    }

    public TestCredentials claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        }
        else {
            claims.put(name, value);
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    public TestCredentials subject(String name, Object value) {
        ((Map<String, Object>) claims.get("credentialSubject")).put(name, value);
        return this;
    }

    /** Sets validFrom/nbf and validUntil/exp together, as a genuine credential has them. */
    public TestCredentials window(Instant from, Instant until) {
        claims.put("validFrom", from.toString());
        claims.put("validUntil", until.toString());
        claims.put("nbf", from.getEpochSecond());
        claims.put("exp", until.getEpochSecond());
        return this;
    }

    public TestCredentials status(String listUrl, int index) {
        claims.put("credentialStatus", new LinkedHashMap<>(Map.of("id", listUrl + "#" + index, "type",
                "BitstringStatusListEntry", "statusPurpose", "revocation", "statusListIndex", Integer.toString(index),
                "statusListCredential", listUrl)));
        return this;
    }

    public TestCredentials header(Consumer<JWSHeader.Builder> change) {
        change.accept(header);
        return this;
    }

    public String jwt() {
        return sign(claims, header.build(), key);
    }

    /** Signs any claims with any header and key. */
    public static String sign(Map<String, Object> claims, JWSHeader header, JWK key) {
        try {
            SignedJWT jwt = new SignedJWT(header, JWTClaimsSet.parse(claims));
            jwt.sign(key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key));
            return jwt.serialize();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static Date date(Instant instant) {
        return Date.from(instant);
    }
}
