package org.certregistry.web.certificate;

import org.certregistry.web.program.RenewalPolicy;

/** The program's renewal rule is not met; the message says exactly what is missing. Nothing was changed. */
public final class RenewalRefusedException extends RuntimeException {

    private final RenewalPolicy.Assessment assessment;

    public RenewalRefusedException(String number, RenewalPolicy.Assessment assessment) {
        super("Cannot renew certificate " + number + ": " + assessment.missing());
        this.assessment = assessment;
    }

    public RenewalPolicy.Assessment assessment() {
        return assessment;
    }
}
