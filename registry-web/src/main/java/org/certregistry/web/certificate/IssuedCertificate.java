package org.certregistry.web.certificate;

import java.util.Locale;

/**
 * The answer to an issuance: the stored certificate, its signed credential (VC-JWT) and Data
 * Integrity twin, the holder's private token (shown once), and the holder's language if known.
 */
public record IssuedCertificate(Certificate certificate, String credentialJwt, String credentialJson, String holderToken,
        Locale holderLanguage) {
}
