package org.certregistry.verifier.document;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a file is by its first bytes, never by its name or a sender's claim: the one sniffer for every
 * upload (documents to verify, CEU evidence) and for {@link DocumentReader}.
 */
public enum FileType {

    PDF("application/pdf", "pdf"),
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    WEBP("image/webp", "webp");

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final byte[] JPEG_MAGIC = { (byte) 0xff, (byte) 0xd8, (byte) 0xff };
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP_TAG = "WEBP".getBytes(StandardCharsets.US_ASCII);
    /** A compact JWS as text: three base64url parts, the last (the signature) possibly empty. */
    private static final Pattern COMPACT_JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final String mediaType;
    private final String extension;

    FileType(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The file name extension to save it under, without the dot. */
    public String extension() {
        return extension;
    }

    public boolean isPicture() {
        return this != PDF;
    }

    /** The type these bytes begin with; empty for text and anything else. */
    public static Optional<FileType> sniff(byte[] bytes) {
        if (startsWith(bytes, PDF_MAGIC, 0)) {
            return Optional.of(PDF);
        }
        if (startsWith(bytes, PNG_MAGIC, 0)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, JPEG_MAGIC, 0)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, RIFF, 0) && startsWith(bytes, WEBP_TAG, 8)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** Whether this text (already stripped) has the shape of a compact JWT; says nothing of its content. */
    public static boolean looksLikeCompactJwt(String text) {
        return COMPACT_JWT.matcher(text).matches();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
        return bytes.length >= at + prefix.length && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }
}
