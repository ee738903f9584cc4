package org.certregistry.web.certificate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.certregistry.web.problem.InvalidRequestException;

/** What the public is told about a certificate now. */
public enum PublicStatus {
    /** Active and inside its validity window. */
    VALID,
    /** Active, but its validity window has ended; it can still be renewed within the program's grace period. */
    EXPIRED,
    /** Its window and the grace period for renewal have both ended: it must be earned again. */
    LAPSED,
    /** Suspended by the awarding body. */
    SUSPENDED,
    /** Revoked by the awarding body; final. */
    REVOKED;

    /**
     * The status a filter names, in any case; null when none is named.
     *
     * @throws InvalidRequestException naming the field {@code status} and every status there is
     */
    public static PublicStatus parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw InvalidRequestException.of("status", "must be one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
