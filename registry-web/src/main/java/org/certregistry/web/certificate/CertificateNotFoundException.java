package org.certregistry.web.certificate;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/** No certificate has that number (or that holder link). */
public final class CertificateNotFoundException extends Problem {

    public CertificateNotFoundException(String what) {
        super(HttpStatus.NOT_FOUND, "not-found", "Certificate not found", "No certificate " + what + " is in the registry.");
    }
}
