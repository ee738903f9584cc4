package org.certregistry.web.ceu;

import java.time.Instant;
import java.util.UUID;

/** A holder's request to renew, waiting for an admin where the program says so. */
public record RenewalRequest(UUID id, UUID certificateId, String number, String program, String holderName, int cycle,
        String status, Instant requestedAt, String requestedBy, Instant decidedAt, String decidedBy) {
}
