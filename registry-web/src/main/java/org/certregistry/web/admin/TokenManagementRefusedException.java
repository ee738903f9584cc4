package org.certregistry.web.admin;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/** An API token tried to create or revoke API tokens: only a person signed in with a password may. */
public final class TokenManagementRefusedException extends Problem {

    public TokenManagementRefusedException() {
        super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "API tokens cannot create or revoke API tokens: sign in as an ADMIN with a password.");
    }
}
