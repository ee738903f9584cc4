package org.certregistry.issuer.credential;

/** A Bitstring Status List's {@code statusPurpose}: one purpose per list. */
public enum StatusPurpose {
    REVOCATION("revocation"),
    SUSPENSION("suspension");

    private final String value;

    StatusPurpose(String value) {
        this.value = value;
    }

    /** The value as written in the credential. */
    public String value() {
        return value;
    }
}
