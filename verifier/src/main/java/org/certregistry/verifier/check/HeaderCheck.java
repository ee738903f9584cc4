package org.certregistry.verifier.check;

import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;

/**
 * Only the algorithms we allow, {@code typ: JWT} (a bulk-verification receipt, signed with the same
 * key, has a type of its own and is refused here), a {@code kid}, and no other header parameter:
 * no {@code crit}, and no key material or key URL ({@code jwk}, {@code jku}, {@code x5c},
 * {@code x5u}) that could tempt a verifier into trusting the token's own key.
 */
public final class HeaderCheck implements Check {

    /** The header type of the registry's bulk-verification receipts ({@code receipt/BatchReceipt}), never a credential's. */
    public static final String RECEIPT_TYPE = "vnd.certregistry.receipt+jwt";

    private static final Set<String> ALLOWED_PARAMETERS = Set.of("alg", "typ", "kid");
    private static final Set<String> KEY_PARAMETERS = Set.of("jwk", "jku", "x5c", "x5u", "x5t", "x5t#S256");

    private final Set<JWSAlgorithm> allowedAlgorithms;

    public HeaderCheck(Set<JWSAlgorithm> allowedAlgorithms) {
        this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
    }

    @Override
    public CheckName name() {
        return CheckName.HEADER;
    }

    @Override
    public boolean essential() {
        return true;
    }

    @Override
    public CheckResult run(PresentedCredential credential) {
        JWSHeader header = credential.jwt().getHeader();
        String problem = problem(header, allowedAlgorithms);
        if (problem != null) {
            return CheckResult.failed(name(), problem);
        }
        return CheckResult.passed(name(), "The header uses " + header.getAlgorithm() + " and names key " + header.getKeyID() + ".");
    }

    /** What is wrong with this header, or null: the rules every signed document of the issuer follows. */
    public static String problem(JWSHeader header, Set<JWSAlgorithm> allowedAlgorithms) {
        if (!allowedAlgorithms.contains(header.getAlgorithm())) {
            return "The signing algorithm " + header.getAlgorithm() + " is not accepted (accepted: "
                    + allowedAlgorithms.stream().map(JWSAlgorithm::getName).sorted().toList() + ").";
        }
        if (header.getType() != null && RECEIPT_TYPE.equals(header.getType().getType())) {
            // signed with the same key as credentials: its type tells it apart
            return "This is the registry's bulk-verification receipt (header type " + RECEIPT_TYPE + "), not a credential.";
        }
        if (!JOSEObjectType.JWT.equals(header.getType())) {
            return "The header type must be \"JWT\", not " + header.getType() + ".";
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            return "The header names no key (kid), so the issuer's key cannot be chosen.";
        }
        for (String parameter : header.getIncludedParams()) {
            if (!ALLOWED_PARAMETERS.contains(parameter)) {
                return "The header carries the parameter \"" + parameter + "\", which genuine credentials never have"
                        + (KEY_PARAMETERS.contains(parameter) ? " (keys are taken only from the issuer's published key set)" : "")
                        + ".";
            }
        }
        return null;
    }
}
