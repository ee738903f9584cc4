package org.certregistry.web.ceu;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

import org.certregistry.verifier.document.FileType;
import org.certregistry.web.problem.InvalidRequestException;

/**
 * The evidence of a CEU activity: a PDF or a picture (PNG, JPEG, WebP), recognised by its first
 * bytes, never by its name or the type the browser claims. The uploaded name is kept for the
 * reviewer to read, never to save the file by: a file that is a PDF and HTML at once, sent as
 * {@code invoice.html}, would open in the reviewer's browser as a page (see {@link #downloadName}).
 */
public record Evidence(byte[] bytes, String mediaType, String filename) {

    public Evidence {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
    }

    /** @throws InvalidRequestException when the bytes are empty or not a PDF or picture */
    public static Evidence of(byte[] bytes, String filename) {
        if (bytes == null || bytes.length == 0) {
            throw InvalidRequestException.of("evidence", "is required: a PDF or a picture (PNG, JPEG or WebP) of the certificate of attendance or similar");
        }
        String type = FileType.sniff(bytes).map(FileType::mediaType).orElse(null);
        if (type == null) {
            throw InvalidRequestException.of("evidence", "is not a PDF or a picture (PNG, JPEG or WebP): only those are accepted");
        }
        String name = filename == null ? null : filename.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return new Evidence(bytes, type, name == null || name.isBlank() ? null : name.substring(0, Math.min(name.length(), 120)));
    }

    /**
     * The name to save the evidence as: made from its submission and its detected type
     * ({@code evidence-<id>.pdf}), never from the name it was uploaded with.
     */
    public String downloadName(UUID submission) {
        String extension = Arrays.stream(FileType.values()).filter(type -> type.mediaType().equals(mediaType))
            .map(FileType::extension).findFirst().orElse("bin");
        return "evidence-" + submission + "." + extension;
    }

}
