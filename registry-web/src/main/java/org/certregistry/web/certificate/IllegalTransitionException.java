package org.certregistry.web.certificate;

import java.util.Map;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/** A state change the certificate's current state does not allow. */
public final class IllegalTransitionException extends Problem {

    private final CertificateState state;

    public IllegalTransitionException(String number, CertificateState state, String action, String why) {
        super(HttpStatus.CONFLICT, "illegal-transition", "Not allowed in this state", "Cannot " + action + " certificate " + number + " (" + state.name().toLowerCase() + "): " + why + ".");
        this.state = state;
    }

    public CertificateState state() {
        return state;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("state", state.name());
    }
}
