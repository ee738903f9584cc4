package org.certregistry.web.certificate;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A certificate as stored: who holds which program, its current window and state, and its place
 * in the status list. Immutable; a state change is a verb that returns the changed copy or
 * refuses with the state in the message.
 *
 * @param version optimistic-lock version, bumped by every stored change
 * @param credentialVersion number of the current signed credential (1 at issuance, +1 per renewal)
 */
public record Certificate(UUID id, String number, String programCode, UUID holderId, String holderName,
        String holderEmail, String emailSalt, boolean listed, Instant awardedAt, Instant validFrom, Instant validUntil,
        CertificateState state, String stateReason, int statusList, int statusIndex, int version, int credentialVersion,
        Instant createdAt, Instant updatedAt) {

    public Certificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(programCode, "programCode");
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (!validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
    }

    /** The certificate's entry in its awarding body's status lists. */
    public org.certregistry.web.status.StatusEntry statusEntry() {
        return new org.certregistry.web.status.StatusEntry(statusList, statusIndex);
    }

    /** The state and window alone: EXPIRED is LAPSED too once the program's grace period is over (see below). */
    private PublicStatus windowStatus(Instant now) {
        return switch (state) {
            case REVOKED -> PublicStatus.REVOKED;
            case SUSPENDED -> PublicStatus.SUSPENDED;
            case ACTIVE -> now.isBefore(validUntil) ? PublicStatus.VALID : PublicStatus.EXPIRED;
        };
    }

    /** What the public is told now, knowing the program's grace period: an expired certificate past it has lapsed. */
    public PublicStatus publicStatus(Instant now, java.time.Period grace) {
        PublicStatus status = windowStatus(now);
        return status == PublicStatus.EXPIRED && now.isAfter(validUntil.atOffset(ZoneOffset.UTC).plus(grace).toInstant())
                ? PublicStatus.LAPSED : status;
    }

    /** Valid now, and its window ends within {@code horizon}. */
    public boolean expiringSoon(Instant now, Duration horizon) {
        return windowStatus(now) == PublicStatus.VALID && validUntil.isBefore(now.plus(horizon));
    }

    /** Withdraws the certificate for good. */
    public Certificate revoke(String reason, Instant now) {
        if (state == CertificateState.REVOKED) {
            throw new IllegalTransitionException(number, state, "revoke", "it is already revoked, and revocation is final");
        }
        return withState(CertificateState.REVOKED, reason, now);
    }

    /** Puts the certificate out of force for now. */
    public Certificate suspend(String reason, Instant now) {
        if (state != CertificateState.ACTIVE) {
            throw new IllegalTransitionException(number, state, "suspend", "only an active certificate can be suspended");
        }
        return withState(CertificateState.SUSPENDED, reason, now);
    }

    /** Puts a suspended certificate back in force. */
    public Certificate reinstate(Instant now) {
        if (state != CertificateState.SUSPENDED) {
            throw new IllegalTransitionException(number, state, "reinstate", "only a suspended certificate can be reinstated");
        }
        return withState(CertificateState.ACTIVE, null, now);
    }

    /**
     * Starts the next cycle. The new window ends one validity period after the old one ended, so
     * the cycle never drifts; it starts where the old one ended, or now when renewed early (a
     * credential must not start in the future, and the older one is superseded at once). Allowed
     * after the window ended only within the grace period.
     */
    public Certificate renew(Period validity, Period grace, Instant now) {
        if (state == CertificateState.REVOKED) {
            throw new IllegalTransitionException(number, state, "renew", "revocation is final");
        }
        if (state == CertificateState.SUSPENDED) {
            throw new IllegalTransitionException(number, state, "renew", "reinstate it first");
        }
        Instant graceEnds = validUntil.atOffset(ZoneOffset.UTC).plus(grace).toInstant();
        if (now.isAfter(graceEnds)) {
            throw new IllegalTransitionException(number, state, "renew", "it expired on " + validUntil
                    + " and the grace period for renewal ended on " + graceEnds + "; it must be earned again");
        }
        Instant start = now.isBefore(validUntil) ? now.truncatedTo(ChronoUnit.SECONDS) : validUntil;
        Instant end = validUntil.atOffset(ZoneOffset.UTC).plus(validity).toInstant();
        return new Certificate(id, number, programCode, holderId, holderName, holderEmail, emailSalt, listed, awardedAt, start,
                end, state, stateReason, statusList, statusIndex, version, credentialVersion + 1, createdAt, now);
    }

    /** The verbs the current state allows, for pages that offer only what can be done. */
    public Set<String> allowedActions(Instant now, Period grace) {
        Set<String> actions = new LinkedHashSet<>();
        switch (state) {
            case ACTIVE -> {
                actions.add("suspend");
                actions.add("revoke");
                if (!now.isAfter(validUntil.atOffset(ZoneOffset.UTC).plus(grace).toInstant())) {
                    actions.add("renew");
                }
            }
            case SUSPENDED -> {
                actions.add("reinstate");
                actions.add("revoke");
            }
            case REVOKED -> {
            }
        }
        return actions;
    }

    /**
     * Puts the holder's name in the public directory or takes it out; the holder may do so in any
     * state. Refuses a change to what already holds, so every recorded change is a real one.
     */
    public Certificate listing(boolean newListed, Instant now) {
        if (listed == newListed) {
            throw new IllegalTransitionException(number, state, newListed ? "list" : "unlist",
                    newListed ? "it is already listed" : "it is already unlisted");
        }
        return new Certificate(id, number, programCode, holderId, holderName, holderEmail, emailSalt, newListed, awardedAt,
                validFrom, validUntil, state, stateReason, statusList, statusIndex, version, credentialVersion, createdAt, now);
    }

    Certificate withState(CertificateState newState, String reason, Instant now) {
        return new Certificate(id, number, programCode, holderId, holderName, holderEmail, emailSalt, listed, awardedAt,
                validFrom, validUntil, newState, reason, statusList, statusIndex, version, credentialVersion, createdAt, now);
    }
}
