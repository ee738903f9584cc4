package org.certregistry.web.verification.web;

import org.certregistry.verifier.VerificationReport;

/** The verdict in one plain sentence. */
public final class VerdictWords {

    private VerdictWords() {
    }

    public static String sentence(VerificationReport report) {
        String who = report.credential().map(c -> c.holderName() + "'s " + c.achievementName()).orElse("This credential");
        return switch (report.verdict()) {
            case VALID -> who + " is valid: genuine, in force, and not revoked.";
            case INVALID -> "This is not a genuine credential of a trusted issuer.";
            case REVOKED -> who + " has been revoked by the issuer.";
            case SUSPENDED -> who + " is suspended by the issuer.";
            case SUPERSEDED -> who + " has been renewed; this copy is an older version.";
            case EXPIRED -> who + " has expired.";
            case NOT_YET_VALID -> who + " is not valid yet.";
            case UNDETERMINED -> "The credential could not be fully checked right now; it is not confirmed as valid.";
        };
    }
}
