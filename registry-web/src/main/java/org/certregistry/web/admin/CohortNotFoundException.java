package org.certregistry.web.admin;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No cohort upload with this id for this admin (uploads are kept for a day). */
public final class CohortNotFoundException extends ErrorResponseException {

    public CohortNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No cohort upload " + id + " of yours is kept here (uploads are kept for a day); upload the file again.");
        problem.setType(URI.create("https://certregistry.org/problems/cohort-not-found"));
        problem.setTitle("Cohort not found");
        return problem;
    }
}
