package org.certregistry.issuer.pdf;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * What the printed certificate shows, and in which language its fixed wording and dates are.
 *
 * @param template the program's template name (e.g. {@code ccxp}), a file under {@code pdf/templates/}
 * @param credentialJwt the signed credential, embedded in the PDF as its own proof
 * @param locale the language of the wording, dates and metadata: one of {@link CertificateLanguages#SUPPORTED}
 *        (a region is dropped: {@code fr-CA} is {@code fr}); any other language is refused
 */
public record CertificateDocument(String template, String holderName, String programName, String programCode,
        String awardingBody, String certificateNumber, LocalDate awardedOn, LocalDate validFrom, LocalDate validUntil,
        String verificationUrl, String credentialJwt, Locale locale) {

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
        Objects.requireNonNull(locale, "locale");
        if (!template.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("template names are lower-case letters, digits and '-'");
        }
        locale = CertificateLanguages.of(locale);
    }

    /** The certificate worded in English, the default. */
    public CertificateDocument(String template, String holderName, String programName, String programCode,
            String awardingBody, String certificateNumber, LocalDate awardedOn, LocalDate validFrom, LocalDate validUntil,
            String verificationUrl, String credentialJwt) {
        this(template, holderName, programName, programCode, awardingBody, certificateNumber, awardedOn, validFrom,
                validUntil, verificationUrl, credentialJwt, CertificateLanguages.DEFAULT);
    }

    /** The same certificate worded in another language. */
    public CertificateDocument in(Locale language) {
        return new CertificateDocument(template, holderName, programName, programCode, awardingBody, certificateNumber,
                awardedOn, validFrom, validUntil, verificationUrl, credentialJwt, language);
    }
}
