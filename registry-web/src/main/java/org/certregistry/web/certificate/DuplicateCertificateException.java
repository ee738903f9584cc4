package org.certregistry.web.certificate;

import java.util.Map;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/**
 * A single issuance would give a second ACTIVE certificate of the same program to the same e-mail
 * address; nothing was issued. The caller may issue it anyway by saying the second one is intended.
 */
public final class DuplicateCertificateException extends Problem {

    private final String existing;

    public DuplicateCertificateException(String program, String email, String existing) {
        super(HttpStatus.CONFLICT, "duplicate-certificate", "Already certified",
                "Certificate " + existing + " of program " + program + " is already active for " + email
                        + "; nothing was issued. Issue it again saying the second certificate is intended if it is.");
        this.existing = existing;
    }

    /** The number of the certificate already active at the address. */
    public String existing() {
        return existing;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("existingCertificate", existing);
    }
}
