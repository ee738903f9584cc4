package org.certregistry.web.certificate;

import java.util.Objects;

/**
 * A certificate as stored and its current signed credential, read together.
 *
 * @param currentJwt the compact JWT of the current credential version (null only if that row is missing)
 */
public record CertificateWithCredential(Certificate certificate, String currentJwt) {

    public CertificateWithCredential {
        Objects.requireNonNull(certificate, "certificate");
    }
}
