package org.certregistry.web.mail;

import java.util.Locale;

/** What an e-mail is about; names its templates ({@code templates/mail/<name>.txt|.html}) and its subject key. */
public enum MailKind {
    /** A certificate was issued: the holder's private link. */
    ISSUED,
    /** A single-use link to the holder area. */
    SIGN_IN,
    /** Confirms a new address the holder wants to be reached at. */
    ADDRESS_CONFIRMATION,
    /** The end of the cycle is near: what renewal needs. */
    EXPIRY_REMINDER,
    /** An admin approved or rejected submitted CEUs. */
    CEU_DECISION,
    /** A renewal request is waiting for an admin. */
    RENEWAL_REQUESTED,
    /** The certificate was renewed: a new credential and PDF. */
    RENEWED,
    SUSPENDED,
    REINSTATED,
    REVOKED;

    /** The template and message-key name: {@code sign-in}. */
    public String templateName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
