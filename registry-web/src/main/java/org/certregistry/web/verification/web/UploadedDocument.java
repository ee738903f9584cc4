package org.certregistry.web.verification.web;

import java.nio.charset.StandardCharsets;

import org.certregistry.verifier.document.FileType;
import org.certregistry.web.verification.CredentialVerification;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A document sent to the verification pages, of a type known from its first bytes, read into memory (at most
 * {@link #MAX_BYTES}); {@code fileName} is null when the credential was pasted.
 */
record UploadedDocument(MediaType type, byte[] bytes, String fileName) {

    /** The largest document the pages read, one at a time or in a batch. */
    static final int MAX_BYTES = 5 * 1024 * 1024;

    /** The bundle key of the refusal of a file over {@link #MAX_BYTES}. */
    static final String TOO_LARGE = "verify.refused.too-large";

    /**
     * The type by the file's first bytes ({@link FileType}), not by its name or the browser's claim: PDF, PNG, JPEG,
     * or a compact JWT as text. Anything else is refused with the list of what is accepted.
     */
    static UploadedDocument sniff(byte[] bytes, String filename) {
        String label = filename.length() > 80 ? filename.substring(0, 80) + "…" : filename;
        if (bytes.length == 0) {
            throw new Refused(HttpStatus.BAD_REQUEST, "verify.refused.empty", label);
        }
        FileType type = FileType.sniff(bytes).orElse(null);
        if (type != null && type != FileType.WEBP) {
            return new UploadedDocument(MediaType.parseMediaType(type.mediaType()), bytes, label);
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (type == null && FileType.looksLikeCompactJwt(text)) {
            return new UploadedDocument(CredentialVerification.JWT, text.getBytes(StandardCharsets.UTF_8), label);
        }
        throw new Refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "verify.refused.type", label);
    }

    /** Input the pages refuse: the status, and the key and values of a sentence for the person. */
    static final class Refused extends RuntimeException {

        final HttpStatus status;
        final String key;
        final Object[] args;

        Refused(HttpStatus status, String key, Object... args) {
            super(key, null, false, false);
            this.status = status;
            this.key = key;
            this.args = args;
        }
    }
}
