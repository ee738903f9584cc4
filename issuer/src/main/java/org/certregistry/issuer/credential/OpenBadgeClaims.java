package org.certregistry.issuer.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Builds the JWT claims set that <em>is</em> an Open Badges 3.0 {@code OpenBadgeCredential}
 * (VC Data Model 2.0, no {@code vc} claim), with the registered claims mirroring it.
 */
public final class OpenBadgeClaims {

    public static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
    public static final String OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    public static final String SCHEMA_ID =
            "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

    private OpenBadgeClaims() {
    }

    public static JWTClaimsSet of(CredentialContent c) {
        Map<String, Object> achievement = new LinkedHashMap<>();
        achievement.put("id", c.achievement().id());
        achievement.put("type", List.of("Achievement"));
        achievement.put("achievementType", "Certification");
        achievement.put("name", c.achievement().name());
        achievement.put("description", c.achievement().description());
        achievement.put("criteria", Map.of("narrative", c.achievement().criteriaNarrative()));

        Map<String, Object> identifier = new LinkedHashMap<>();
        identifier.put("type", "IdentityObject");
        identifier.put("identityType", "emailAddress");
        identifier.put("hashed", true);
        identifier.put("identityHash", emailHash(c.holderEmail(), c.emailSalt()));
        identifier.put("salt", c.emailSalt());

        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", c.holderId());
        subject.put("type", List.of("AchievementSubject"));
        subject.put("name", c.holderName());
        subject.put("licenseNumber", c.certificateNumber());
        subject.put("identifier", List.of(identifier));
        subject.put("achievement", achievement);

        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", c.status().listUrl() + "#" + c.status().index());
        status.put("type", "BitstringStatusListEntry");
        status.put("statusPurpose", "revocation");
        status.put("statusListIndex", Integer.toString(c.status().index()));
        status.put("statusListCredential", c.status().listUrl());

        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("id", c.issuer().id());
        issuer.put("type", List.of("Profile"));
        issuer.put("name", c.issuer().name());

        Instant validFrom = c.validFrom().truncatedTo(ChronoUnit.SECONDS);
        Instant validUntil = c.validUntil().truncatedTo(ChronoUnit.SECONDS);
        return new JWTClaimsSet.Builder()
            .claim("@context", List.of(VC_CONTEXT, OB_CONTEXT))
            .claim("id", c.credentialId())
            .claim("type", List.of("VerifiableCredential", "OpenBadgeCredential"))
            .claim("issuer", issuer)
            .claim("validFrom", validFrom.toString())
            .claim("validUntil", validUntil.toString())
            .claim("awardedDate", c.awardedDate().truncatedTo(ChronoUnit.SECONDS).toString())
            .claim("name", c.achievement().name())
            .claim("credentialSubject", subject)
            .claim("credentialStatus", status)
            .claim("credentialSchema", List.of(Map.of("id", SCHEMA_ID, "type", "1EdTechJsonSchemaValidator2019")))
            .issuer(c.issuer().id())
            .jwtID(c.credentialId())
            .subject(c.holderId())
            .notBeforeTime(Date.from(validFrom))
            .expirationTime(Date.from(validUntil))
            .build();
    }

    /** {@code sha256$<hex>} of the lower-cased address followed by the salt, as Open Badges 3.0 defines. */
    public static String emailHash(String email, String salt) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((email.trim().toLowerCase(Locale.ROOT) + salt).getBytes(StandardCharsets.UTF_8));
            return "sha256$" + HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is always present", ex);
        }
    }
}
