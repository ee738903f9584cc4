package org.certregistry.web.certificate;

/** A state change the certificate's current state does not allow. */
public final class IllegalTransitionException extends RuntimeException {

    private final CertificateState state;

    public IllegalTransitionException(String number, CertificateState state, String action, String why) {
        super("Cannot " + action + " certificate " + number + " (" + state.name().toLowerCase() + "): " + why + ".");
        this.state = state;
    }

    public CertificateState state() {
        return state;
    }
}
