package org.certregistry.web.certificate;

import java.util.Arrays;
import java.util.Locale;

import org.certregistry.web.problem.InvalidRequestException;

/** Why a certificate was revoked, as the public may be told (the admin's own words stay private). */
public enum RevocationCategory {
    ISSUED_IN_ERROR("issued in error"),
    REQUIREMENTS_NOT_MET("requirements not met"),
    MISCONDUCT("misconduct"),
    HOLDER_REQUEST("at the holder's request"),
    OTHER("other reasons");

    private final String words;

    RevocationCategory(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** {@code issued-in-error} or {@code ISSUED_IN_ERROR}; blank: none given. */
    public static RevocationCategory parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        catch (IllegalArgumentException ex) {
            throw InvalidRequestException.of("publicReason", "must be one of " + Arrays.stream(values())
                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        }
    }
}
