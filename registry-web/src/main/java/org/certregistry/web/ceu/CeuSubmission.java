package org.certregistry.web.ceu;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A holder's CEU activity as stored (without its evidence bytes), and what became of it. */
public record CeuSubmission(UUID id, UUID certificateId, String number, String program, String holderName, int cycle,
        String category, String measure, int quantity, int units, LocalDate earnedOn, String activity, String evidenceType,
        String evidenceName, Status status, boolean audit, Instant submittedAt, Instant decidedAt, String decidedBy,
        String decisionReason) {

    public enum Status {
        /** Waiting for an admin. */
        PENDING,
        /** Counted towards renewal (recorded in the CEU ledger). */
        APPROVED,
        /** Not counted; the reason is shown to the holder. */
        REJECTED
    }
}
