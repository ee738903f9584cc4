package org.certregistry.verifier;


/**
 * The steps of verification, in the order they run, as data: a stable word for machines (JSON,
 * the CLI) and a title for people. Pages that speak other languages key their texts by the word.
 */
public enum CheckName {
    DOCUMENT("document", "Document"),
    FORMAT("format", "Readable credential"),
    HEADER("header", "Signature format"),
    KEY("key", "Issuer's public key"),
    SIGNATURE("signature", "Signature"),
    ISSUER("issuer", "Trusted issuer"),
    CREDENTIAL("credential", "Credential contents"),
    VALIDITY("validity", "Validity window"),
    STATUS("status", "Revocation list"),
    REGISTRY("registry", "Registry record");

    private final String word;
    private final String title;

    CheckName(String word, String title) {
        this.word = word;
        this.title = title;
    }

    /** The stable word, e.g. {@code signature}. */
    public String word() {
        return word;
    }

    /** A short title in English, e.g. "Trusted issuer". */
    public String title() {
        return title;
    }

    @Override
    public String toString() {
        return word;
    }
}
