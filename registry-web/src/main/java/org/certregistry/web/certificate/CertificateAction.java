package org.certregistry.web.certificate;

import java.util.Locale;

/** What a history event records; stored by name, shown in words. */
public enum CertificateAction {
    ISSUED,
    REVOKED,
    SUSPENDED,
    REINSTATED,
    RENEWED,
    CEUS_RECORDED,
    LISTED,
    UNLISTED;

    /** The action in words, for messages: "ceus recorded". */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
