package org.certregistry.web.holder;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/** The certificate's current version was signed before Data Integrity credentials were issued beside the JWT. */
public final class NoTwinException extends Problem {

    public NoTwinException(String number) {
        super(HttpStatus.NOT_FOUND, "no-data-integrity-credential", "No Data Integrity credential",
                "Certificate " + number + " was issued before the registry issued Data Integrity credentials; "
                        + "its signed credential (.jwt) is available, and its next renewal brings both.");
    }
}
