package org.certregistry.web.http;

import org.certregistry.issuer.number.CertificateNumber;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Parses a certificate number where it enters ({@code @PathVariable CertificateNumber}), so the
 * rest of the registry carries the value, never the raw text. Any accepted spelling (lower case,
 * no dashes) becomes the canonical number; a malformed one is a 400 that says why.
 */
@Component
class CertificateNumberConverter implements Converter<String, CertificateNumber> {

    @Override
    public CertificateNumber convert(String source) {
        return CertificateNumber.parse(source);
    }
}
