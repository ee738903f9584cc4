package org.certregistry.issuer.pdf;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the printed certificate shows.
 *
 * @param template the program's template name (e.g. {@code ccxp}), a file under {@code pdf/templates/}
 * @param credentialJwt the signed credential, embedded in the PDF as its own proof
 */
public record CertificateDocument(String template, String holderName, String programName, String programCode,
        String awardingBody, String certificateNumber, LocalDate awardedOn, LocalDate validFrom, LocalDate validUntil,
        String verificationUrl, String credentialJwt) {

    public CertificateDocument {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(programName, "programName");
        Objects.requireNonNull(programCode, "programCode");
        Objects.requireNonNull(awardingBody, "awardingBody");
        Objects.requireNonNull(certificateNumber, "certificateNumber");
        Objects.requireNonNull(awardedOn, "awardedOn");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(verificationUrl, "verificationUrl");
        Objects.requireNonNull(credentialJwt, "credentialJwt");
        if (!template.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("template names are lower-case letters, digits and '-'");
        }
    }
}
