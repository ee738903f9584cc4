package org.certregistry.web.mail;

import java.util.Locale;

/** What an e-mail is about; names its templates ({@code templates/mail/<name>.txt|.html}) and its subject key. */
public enum MailKind {
    /** A certificate was issued: the holder's private link. */
    ISSUED,
    /** A single-use link to the holder area. */
    SIGN_IN,
    /** The transaction code a wallet asks for when it takes the certificate offered to it (OpenID4VCI). */
    WALLET_CODE,
    /** Confirms a new address the holder wants to be reached at. */
    ADDRESS_CONFIRMATION,
    /** Tells the old address that the holder's address was changed, with a link that takes the change back. */
    ADDRESS_CHANGED,
    /** The end of the cycle is near: what renewal needs. */
    EXPIRY_REMINDER,
    /** An admin approved or rejected submitted CEUs. */
    CEU_DECISION,
    /** A holder's CEU activity was received and waits for review. */
    CEU_RECEIVED,
    /** A renewal request is waiting for an admin. */
    RENEWAL_REQUESTED,
    /** The certificate was renewed: a new credential and PDF. */
    RENEWED,
    SUSPENDED,
    REINSTATED,
    REVOKED;

    /**
     * The order messages leave in (lower first): someone waiting at a page for a link or a wallet's code, then news of a change, then
     * issuance notices (a cohort sends thousands at once), then reminders. The notice of a changed address goes with
     * the links: if someone else made the change, the holder must learn of it while the link to take it back is of
     * use (there is at most one per confirmed change, and changes are counted). Stored with each message
     * ({@code mail_message.priority}) and claimed in this order, so a backlog of bulk mail never delays a sign-in.
     */
    public int priority() {
        return switch (this) {
            case SIGN_IN, WALLET_CODE, ADDRESS_CONFIRMATION, ADDRESS_CHANGED -> 0;
            case CEU_DECISION, CEU_RECEIVED, RENEWAL_REQUESTED, RENEWED, SUSPENDED, REINSTATED, REVOKED -> 1;
            case ISSUED -> 2;
            case EXPIRY_REMINDER -> 3;
        };
    }

    /** Whether this message leaves at once: someone waits at a page for it, or must hear of a change of address. */
    public boolean interactive() {
        return priority() == 0;
    }

    /** The template and message-key name: {@code sign-in}. */
    public String templateName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
