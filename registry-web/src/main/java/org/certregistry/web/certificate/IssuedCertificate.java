package org.certregistry.web.certificate;

/** The answer to an issuance: the stored certificate, its signed credential, and the holder's private token (shown once). */
public record IssuedCertificate(Certificate certificate, String credentialJwt, String holderToken) {
}
