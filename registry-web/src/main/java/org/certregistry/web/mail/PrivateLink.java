package org.certregistry.web.mail;

import java.util.Objects;

/**
 * A link in an e-mail's model that opens something private (a holder's page, a sign-in, an address
 * change), or a code that does (a wallet's transaction code). The outbox never stores it usable: the
 * bodies hold {@link #PLACEHOLDER} and the link itself is sealed ({@code SealedSecrets}, bound to the
 * recipient) until the message is sent, then forgotten. Staff reading the outbox see a note in its place; only the recipient gets the link.
 */
public record PrivateLink(String url) {

    /** What the stored bodies hold where the link goes. */
    public static final String PLACEHOLDER = "urn:registry:private-link";

    public PrivateLink {
        Objects.requireNonNull(url, "url");
    }

    @Override
    public String toString() {
        // never written by accident (a log line, a template that forgot): the placeholder stands in
        return PLACEHOLDER;
    }
}
