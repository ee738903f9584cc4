package org.certregistry.web.ceu;

import java.util.UUID;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

public final class SubmissionNotFoundException extends Problem {

    public SubmissionNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, "ceu-submission-not-found", "No such CEU submission", "There is no CEU submission " + id);
    }
}
