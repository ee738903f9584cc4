package org.certregistry.web.certificate;

/** No certificate has that number (or that holder link). */
public final class CertificateNotFoundException extends RuntimeException {

    public CertificateNotFoundException(String what) {
        super("No certificate " + what + " is in the registry.");
    }
}
