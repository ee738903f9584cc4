package org.certregistry.web.holder;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * A rendered certificate document and its strong entity tag: a digest of the bytes, so equal
 * tags always mean equal bytes.
 */
public record RenderedDocument(byte[] bytes, String etag) {

    public RenderedDocument {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(etag, "etag");
    }

    static RenderedDocument of(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new RenderedDocument(bytes, "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
