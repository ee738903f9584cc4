package org.certregistry.verifier.document;

import java.time.Duration;
import java.util.Objects;

/**
 * What one presented document may cost before it is refused. Every limit is checked before the
 * work it guards (header dimensions before decoding, dictionaries before rendering, candidate
 * counts before zxing's combination step), so a hostile file is refused for little.
 *
 * @param maxBytes the largest document read at all
 * @param maxPixels the most pixels decoded from an image, taken from any one image of a PDF page,
 *        or rendered from a PDF page (the render resolution is lowered to fit)
 * @param maxPages the most pages a PDF may have (only page 1 is ever rendered)
 * @param maxEmbeddedBytes the largest embedded credential, encoded and decoded
 * @param maxFinderCandidates the most QR finder-pattern candidates one scan may find; zxing's
 *        multi-code reader is cubic in them, our own pages produce at most a handful
 * @param maxQrAttempts the most finder-pattern triples the multi-code reader tries to decode
 * @param maxPdfMemoryBytes the most main memory PDFBox's stream cache may use
 * @param deadline how long reading one document may take, end to end
 */
public record DocumentLimits(int maxBytes, long maxPixels, int maxPages, int maxEmbeddedBytes, int maxFinderCandidates,
        int maxQrAttempts, long maxPdfMemoryBytes, Duration deadline) {

    /** The defaults (see verifier/README.md for why each is what it is). */
    public static final DocumentLimits DEFAULTS = new DocumentLimits(10 * 1024 * 1024, 40_000_000L, 8, 32 * 1024, 60, 64,
            64L * 1024 * 1024, Duration.ofSeconds(10));

    public DocumentLimits {
        Objects.requireNonNull(deadline, "deadline");
        if (maxBytes <= 0 || maxPixels <= 0 || maxPages <= 0 || maxEmbeddedBytes <= 0 || maxFinderCandidates < 3
                || maxQrAttempts <= 0 || maxPdfMemoryBytes <= 0 || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("every limit must be positive (and at least 3 finder candidates)");
        }
    }

    public DocumentLimits withDeadline(Duration deadline) {
        return new DocumentLimits(maxBytes, maxPixels, maxPages, maxEmbeddedBytes, maxFinderCandidates, maxQrAttempts,
                maxPdfMemoryBytes, deadline);
    }

    public DocumentLimits withMaxFinderCandidates(int maxFinderCandidates) {
        return new DocumentLimits(maxBytes, maxPixels, maxPages, maxEmbeddedBytes, maxFinderCandidates, maxQrAttempts,
                maxPdfMemoryBytes, deadline);
    }

    public DocumentLimits withMaxQrAttempts(int maxQrAttempts) {
        return new DocumentLimits(maxBytes, maxPixels, maxPages, maxEmbeddedBytes, maxFinderCandidates, maxQrAttempts,
                maxPdfMemoryBytes, deadline);
    }
}
