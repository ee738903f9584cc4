package org.certregistry.verifier.check;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;

/**
 * The claims set is an Open Badges 3.0 OpenBadgeCredential for a Certification, and the
 * registered JWT claims mirror it ({@code jti}=id, {@code sub}=subject id, {@code nbf}/{@code exp}
 * = validFrom/validUntil).
 */
public final class CredentialShapeCheck implements Check {

    static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";

    @Override
    public CheckName name() {
        return CheckName.CREDENTIAL;
    }

    @Override
    public boolean essential() {
        return true;
    }

    @Override
    public CheckResult run(PresentedCredential credential) {
        String problem = problem(credential);
        if (problem != null) {
            return CheckResult.failed(name(), "The credential is not a well-formed Open Badges certification: " + problem + ".");
        }
        return CheckResult.passed(name(), "The credential is an Open Badges 3.0 certification with all required parts.");
    }

    private static String problem(PresentedCredential credential) {
        Map<String, Object> claims = credential.claims();
        List<?> context = Claims.list(claims.get("@context"));
        if (context == null || context.isEmpty() || !VC_CONTEXT.equals(context.get(0))) {
            return "its @context does not start with " + VC_CONTEXT;
        }
        List<?> type = Claims.list(claims.get("type"));
        if (type == null || !type.contains("VerifiableCredential") || !type.contains("OpenBadgeCredential")) {
            return "its type is not VerifiableCredential, OpenBadgeCredential";
        }
        String id = Claims.string(claims.get("id"));
        if (id == null || !id.equals(claims.get("jti"))) {
            return "its id and jti are missing or differ";
        }
        Map<String, Object> subject = Claims.object(claims.get("credentialSubject"));
        if (subject == null || Claims.string(subject.get("name")) == null) {
            return "it names no holder";
        }
        if (!Objects.equals(subject.get("id"), claims.get("sub"))) {
            return "its subject id and sub differ";
        }
        Map<String, Object> achievement = Claims.object(subject.get("achievement"));
        if (achievement == null || Claims.string(achievement.get("name")) == null) {
            return "it names no achievement";
        }
        if (!"Certification".equals(achievement.get("achievementType"))) {
            return "its achievement is not a Certification";
        }
        Instant validFrom = Claims.instant(claims.get("validFrom"));
        Instant validUntil = Claims.instant(claims.get("validUntil"));
        if (validFrom == null || validUntil == null) {
            return "validFrom or validUntil is missing or not a date-time";
        }
        if (!validFrom.equals(epoch(claims.get("nbf"))) || !validUntil.equals(epoch(claims.get("exp")))) {
            return "nbf and exp do not mirror validFrom and validUntil";
        }
        return null;
    }

    private static Instant epoch(Object value) {
        if (value instanceof Number n) {
            return Instant.ofEpochSecond(n.longValue());
        }
        if (value instanceof Date d) {
            return d.toInstant();
        }
        return null;
    }
}
