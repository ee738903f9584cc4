package org.certregistry.web.ceu;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/** A CEU submission or decision the certificate's or submission's state does not allow. */
public final class SubmissionRefusedException extends Problem {

    public SubmissionRefusedException(String message) {
        super(HttpStatus.CONFLICT, "ceu-submission-refused", "CEU submission refused", message);
    }
}
