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
    /** Open Badges 3.0's type for a {@code refreshService} answering the current credential. */
    public static final String REFRESH_TYPE = "1EdTechCredentialRefresh";
    public static final String SCHEMA_TYPE = "1EdTechJsonSchemaValidator2019";
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
        achievement.put("criteria", criteria(c.achievement()));


        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", c.holderId());
        subject.put("type", List.of("AchievementSubject"));
        subject.put("name", c.holderName());
        subject.put("licenseNumber", c.certificateNumber());
        if (c.hasIdentifier()) {
            // the holder's copy only: a relying party the holder gives it to can check an address it was told
            Map<String, Object> identifier = new LinkedHashMap<>();
            identifier.put("type", "IdentityObject");
            identifier.put("identityType", "emailAddress");
            identifier.put("hashed", true);
            identifier.put("identityHash", emailHash(c.holderEmail(), c.emailSalt()));
            identifier.put("salt", c.emailSalt());
            subject.put("identifier", List.of(identifier));
        }
        subject.put("achievement", achievement);

        Map<String, Object> status = statusEntry(c.status(), StatusPurpose.REVOCATION);

        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("id", c.issuer().id());
        issuer.put("type", List.of("Profile"));
        issuer.put("name", c.issuer().name());

        Instant validFrom = c.validFrom().truncatedTo(ChronoUnit.SECONDS);
        Instant validUntil = c.validUntil().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
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
            .claim("credentialSchema", List.of(Map.of("id", SCHEMA_ID, "type", SCHEMA_TYPE)));
        if (c.refreshUrl() != null) {
            claims.claim("refreshService", refreshService(c.refreshUrl()));
        }
        return claims
            .issuer(c.issuer().id())
            .jwtID(c.credentialId())
            .subject(c.holderId())
            .notBeforeTime(Date.from(validFrom))
            .expirationTime(Date.from(validUntil))
            .build();
    }

    /**
     * The achievement's {@code Criteria}, with an {@code id} ({@code <achievement id>#criteria}, where
     * the achievement's page shows them): with it the subject's {@code IdentityObject} is the
     * credential's only blank node. Two blank nodes are labelled by the order of their hashes in
     * RDF canonicalization, and rdf-urdna 1.3 (the Data Integrity signer's) orders them otherwise
     * than jsonld.js's rdf-canonize for about half of all salts, so the DCC verifier refused those
     * proofs (measured on credentials from a running registry: DccVerifierAgainstRegistryTest).
     */
    public static Map<String, Object> criteria(Achievement achievement) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("id", achievement.id() + "#criteria");
        criteria.put("narrative", achievement.criteriaNarrative());
        return criteria;
    }

    /** One {@code BitstringStatusListEntry}; its id is the list URL plus {@code #index}. */
    public static Map<String, Object> statusEntry(StatusEntry entry, StatusPurpose purpose) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", entry.listUrl() + "#" + entry.index());
        status.put("type", "BitstringStatusListEntry");
        status.put("statusPurpose", purpose.value());
        status.put("statusListIndex", Integer.toString(entry.index()));
        status.put("statusListCredential", entry.listUrl());
        return status;
    }

    /** Open Badges 3.0 {@code RefreshService}: {@code id} answers the current credential. */
    public static Map<String, Object> refreshService(String url) {
        Map<String, Object> refresh = new LinkedHashMap<>();
        refresh.put("id", url);
        refresh.put("type", REFRESH_TYPE);
        return refresh;
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
