package org.certregistry.verifier.check;

import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import org.certregistry.verifier.CheckResult;

/**
 * Only the algorithms we allow, {@code typ: JWT}, a {@code kid}, and no other header parameter:
 * no {@code crit}, and no key material or key URL ({@code jwk}, {@code jku}, {@code x5c},
 * {@code x5u}) that could tempt a verifier into trusting the token's own key.
 */
public final class HeaderCheck implements Check {

    private static final Set<String> ALLOWED_PARAMETERS = Set.of("alg", "typ", "kid");

    private final Set<JWSAlgorithm> allowedAlgorithms;

    public HeaderCheck(Set<JWSAlgorithm> allowedAlgorithms) {
        this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
    }

    @Override
    public String name() {
        return "header";
    }

    @Override
    public boolean essential() {
        return true;
    }

    @Override
    public CheckResult run(PresentedCredential credential) {
        JWSHeader header = credential.jwt().getHeader();
        if (!allowedAlgorithms.contains(header.getAlgorithm())) {
            return CheckResult.failed(name(), "The signing algorithm " + header.getAlgorithm() + " is not accepted (accepted: "
                    + allowedAlgorithms + ").");
        }
        if (!JOSEObjectType.JWT.equals(header.getType())) {
            return CheckResult.failed(name(), "The header type must be \"JWT\", not " + header.getType() + ".");
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            return CheckResult.failed(name(), "The header names no key (kid), so the issuer's key cannot be chosen.");
        }
        for (String parameter : header.getIncludedParams()) {
            if (!ALLOWED_PARAMETERS.contains(parameter)) {
                return CheckResult.failed(name(), "The header carries the parameter \"" + parameter
                        + "\", which genuine credentials never have.");
            }
        }
        return CheckResult.passed(name(), "The header uses " + header.getAlgorithm() + " and names key " + header.getKeyID() + ".");
    }
}
