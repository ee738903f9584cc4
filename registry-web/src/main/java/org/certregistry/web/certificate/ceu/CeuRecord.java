package org.certregistry.web.certificate.ceu;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Continuing-education units recorded for a certificate.
 *
 * @param cycle the certificate's credential version when recorded: the cycle the units count for
 * @param measure what was earned ({@code ceu}, or a converted measure such as {@code semester-credit-hour})
 * @param quantity how much of that measure
 * @param units the CEUs it is worth after conversion
 */
public record CeuRecord(UUID certificateId, int cycle, String category, String measure, int quantity, int units,
        LocalDate earnedOn, String description, String recordedBy, Instant recordedAt) {
}
