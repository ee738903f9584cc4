package org.certregistry.web.issuers;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/** No configured awarding body, key or program has that id. */
public final class UnknownIssuerException extends Problem {

    public UnknownIssuerException(String what) {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", "The registry hosts no " + what + ".");
    }
}
