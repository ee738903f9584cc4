package org.certregistry.web.certificate;

import java.util.Map;

import org.certregistry.web.problem.Problem;
import org.certregistry.web.program.RenewalPolicy;
import org.springframework.http.HttpStatus;

/** The program's renewal rule is not met; the message says exactly what is missing. Nothing was changed. */
public final class RenewalRefusedException extends Problem {

    private final RenewalPolicy.Assessment assessment;

    public RenewalRefusedException(String number, RenewalPolicy.Assessment assessment) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "renewal-rule-not-met", "Renewal rule not met", "Cannot renew certificate " + number + ": " + assessment.missing());
        this.assessment = assessment;
    }

    public RenewalPolicy.Assessment assessment() {
        return assessment;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("requiredUnits", assessment.required(), "countedUnits", assessment.counted(), "countedByCategory",
                assessment.countedByCategory());
    }
}
