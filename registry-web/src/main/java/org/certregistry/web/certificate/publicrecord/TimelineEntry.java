package org.certregistry.web.certificate.publicrecord;

import java.time.Instant;

import org.certregistry.web.certificate.RevocationCategory;

/**
 * One public event in a certificate's story: first awarded, renewed, suspended, reinstated,
 * revoked (with the public reason category, if given), lapsed. Never the private reasons.
 *
 * @param validUntil the end of the new window, for a renewal
 */
public record TimelineEntry(Instant at, Kind kind, Instant validUntil, String publicReason) {

    public enum Kind { AWARDED, RENEWED, SUSPENDED, REINSTATED, REVOKED, LAPSED }

    /** The public reason's category ({@code MISCONDUCT}, …), for pages that word it in the reader's language; else null. */
    public String reasonCategory() {
        return publicReason == null ? null : java.util.Arrays.stream(RevocationCategory.values())
            .filter(c -> c.words().equals(publicReason)).map(Enum::name).findFirst().orElse(null);
    }
}
