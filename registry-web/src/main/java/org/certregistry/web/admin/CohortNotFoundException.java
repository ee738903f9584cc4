package org.certregistry.web.admin;

import java.util.UUID;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/** No cohort upload with this id for this admin (uploads are kept for a day). */
public final class CohortNotFoundException extends Problem {

    public CohortNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, "cohort-not-found", "Cohort not found", "No cohort upload " + id
                + " of yours is kept here (uploads are kept for a day); upload the file again.");
    }
}
