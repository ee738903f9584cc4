package org.certregistry.verifier.check;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;

/** The credential names a trusted issuer, and {@code iss} agrees with {@code issuer.id}. */
public final class IssuerCheck implements Check {

    private final Predicate<String> trustedIssuers;

    public IssuerCheck(Predicate<String> trustedIssuers) {
        this.trustedIssuers = trustedIssuers;
    }

    @Override
    public CheckName name() {
        return CheckName.ISSUER;
    }

    @Override
    public boolean essential() {
        return true;
    }

    @Override
    public CheckResult run(PresentedCredential credential) {
        Map<String, Object> claims = credential.claims();
        String issuerId = Claims.string(Claims.path(claims, "issuer", "id"));
        String iss = Claims.string(claims.get("iss"));
        if (issuerId == null) {
            return CheckResult.failed(name(), "The credential names no issuer.");
        }
        if (!issuerId.equals(iss)) {
            return CheckResult.failed(name(), "The credential's issuer (" + issuerId + ") and its iss claim (" + iss + ") differ.");
        }
        if (!trustedIssuers.test(issuerId)) {
            return CheckResult.failed(name(), "The issuer " + issuerId + " is not one this verifier trusts.");
        }
        String name = Claims.string(Claims.path(claims, "issuer", "name"));
        return CheckResult.passed(name(), "Issued by " + (name != null ? name + " (" + issuerId + ")" : issuerId) + ", a trusted issuer.");
    }
}
