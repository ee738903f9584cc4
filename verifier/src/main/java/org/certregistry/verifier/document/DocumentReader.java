package org.certregistry.verifier.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.zip.InflaterInputStream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

/**
 * Reads a presented document: a compact JWT as text, a PDF certificate (the credential embedded
 * as {@code credential.jwt}, {@code application/jwt}, in the EmbeddedFiles name tree, and the QR
 * code on page 1), or a PNG/JPEG picture of a QR code. Every input is bounded by
 * {@link DocumentLimits}: bytes, pages, embedded file size, pixels (from headers and dictionaries,
 * before decoding), QR finder-pattern candidates, and a deadline checked cooperatively inside
 * zxing and PDFBox, so hostile files cost little. Never throws for bad input. Synchronous and
 * CPU-bound: a server runs it through {@link DocumentDecoder}, which adds a hard deadline.
 *
 * <p>Just over 250 lines: each limit is checked where its format is read (PDF dictionaries, image
 * headers, QR candidates), so the three formats' readers and their bounds stay side by side.
 */
public final class DocumentReader {

    /** The largest document read at all, by default. */
    public static final int MAX_DOCUMENT_BYTES = DocumentLimits.DEFAULTS.maxBytes();

    /** The most pixels decoded from an image or rendered from a PDF page, by default. */
    public static final long MAX_PIXELS = DocumentLimits.DEFAULTS.maxPixels();

    /** The file name and media type under which the PDF carries its credential. */
    public static final String EMBEDDED_NAME = "credential.jwt";
    public static final String EMBEDDED_SUBTYPE = "application/jwt";

    private static final float[] RENDER_DPIS = {150f, 300f};
    private static final int MAX_NAME_TREE_DEPTH = 8;

    private final DocumentLimits limits;

    public DocumentReader() {
        this(DocumentLimits.DEFAULTS);
    }

    public DocumentReader(DocumentLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public DocumentLimits limits() {
        return limits;
    }

    /** Reads the document on the caller's thread, stopping cooperatively at the limits' deadline. */
    public ReadDocument read(byte[] bytes) {
        return read(bytes, Deadline.after(limits.deadline()));
    }

    ReadDocument read(byte[] bytes, Deadline deadline) {
        if (bytes == null || bytes.length == 0) {
            return ReadDocument.unreadable(ReadDocument.Kind.UNKNOWN, "The document is empty.");
        }
        if (bytes.length > limits.maxBytes()) {
            return ReadDocument.unreadable(ReadDocument.Kind.UNKNOWN, ReadDocument.Cause.OVER_LIMIT,
                    "The document is larger than " + limits.maxBytes() + " bytes.");
        }
        ReadDocument.Kind kind = kindOf(bytes);
        try {
            return switch (kind) {
                case PDF -> readPdf(bytes, deadline);
                case IMAGE -> readImage(bytes, deadline);
                case JWT, UNKNOWN -> readText(bytes);
            };
        }
        catch (Refused ex) {
            return ReadDocument.unreadable(kind, ex.reason(), ex.getMessage());
        }
        catch (RuntimeException | OutOfMemoryError | StackOverflowError ex) {
            // a hostile file that trips a parser is still just an unreadable document
            return ReadDocument.unreadable(kind, "The document could not be read.");
        }
    }

    private static ReadDocument.Kind kindOf(byte[] bytes) {
        return FileType.sniff(bytes)
            .map(type -> type == FileType.PDF ? ReadDocument.Kind.PDF
                    : type == FileType.WEBP ? ReadDocument.Kind.UNKNOWN : ReadDocument.Kind.IMAGE)
            .orElse(ReadDocument.Kind.UNKNOWN);
    }

    private ReadDocument readText(byte[] bytes) {
        if (bytes.length <= limits.maxEmbeddedBytes()) {
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            if (FileType.looksLikeCompactJwt(text)) {
                return new ReadDocument(ReadDocument.Kind.JWT, text, null);
            }
        }
        return ReadDocument.unreadable(ReadDocument.Kind.UNKNOWN,
                "This is neither a credential (a compact JWT), a PDF certificate, nor a PNG or JPEG image.");
    }

    private ReadDocument readPdf(byte[] bytes, Deadline deadline) {
        // PDFBox keeps streams it creates in this cache; decoding is bounded by the checks below
        MemoryUsageSetting memory = MemoryUsageSetting.setupMainMemoryOnly(limits.maxPdfMemoryBytes());
        try (PDDocument pdf = Loader.loadPDF(bytes, "", null, null, memory.streamCache)) {
            deadline.check();
            int pages = pdf.getNumberOfPages();
            if (pages < 1) {
                return ReadDocument.unreadable(ReadDocument.Kind.PDF, "The PDF has no pages.");
            }
            if (pages > limits.maxPages()) {
                return ReadDocument.unreadable(ReadDocument.Kind.PDF, ReadDocument.Cause.OVER_LIMIT, "The PDF has " + pages
                        + " pages; a certificate has one, and at most " + limits.maxPages() + " are accepted.");
            }
            String token = embeddedCredential(pdf);
            PdfPages.checkImages(pdf.getPage(0), limits.maxPixels());
            String qr = null;
            // a few in a hundred codes hide from the detector at one resolution (fine background lines
            // can mimic finder patterns); a second look at a higher one finds them
            for (float dpi : RENDER_DPIS) {
                deadline.check();
                BufferedImage page = PdfPages.render(pdf, dpi, limits.maxPixels(), deadline);
                qr = page == null ? null : QrDecoding.decode(page, limits, deadline);
                if (qr != null) {
                    break;
                }
            }
            if (token == null && qr == null) {
                return ReadDocument.unreadable(ReadDocument.Kind.PDF,
                        "The PDF carries no embedded credential and no readable QR code on its first page.");
            }
            return new ReadDocument(ReadDocument.Kind.PDF, token, qr);
        }
        catch (IOException ex) {
            return ReadDocument.unreadable(ReadDocument.Kind.PDF, "The PDF cannot be read (it is damaged or encrypted).");
        }
    }

    /** The credential in the EmbeddedFiles name tree under {@value #EMBEDDED_NAME}, or null. */
    private String embeddedCredential(PDDocument pdf) throws IOException {
        PDDocumentNameDictionary names = pdf.getDocumentCatalog().getNames();
        if (names == null || names.getEmbeddedFiles() == null) {
            return null;
        }
        return find(names.getEmbeddedFiles(), 0);
    }

    private String find(PDNameTreeNode<PDComplexFileSpecification> node, int depth) throws IOException {
        if (depth > MAX_NAME_TREE_DEPTH) {
            return null;
        }
        Map<String, PDComplexFileSpecification> entries = node.getNames();
        if (entries != null) {
            for (Map.Entry<String, PDComplexFileSpecification> entry : entries.entrySet()) {
                PDComplexFileSpecification spec = entry.getValue();
                boolean named = EMBEDDED_NAME.equals(entry.getKey()) || EMBEDDED_NAME.equals(spec.getFilename())
                        || EMBEDDED_NAME.equals(spec.getFileUnicode());
                PDEmbeddedFile file = spec.getEmbeddedFileUnicode() != null ? spec.getEmbeddedFileUnicode() : spec.getEmbeddedFile();
                if (named && file != null && (file.getSubtype() == null || EMBEDDED_SUBTYPE.equals(file.getSubtype()))) {
                    byte[] content = boundedContent(file.getCOSObject());
                    return content == null ? null : new String(content, StandardCharsets.US_ASCII).strip();
                }
            }
        }
        if (node.getKids() != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : node.getKids()) {
                String found = find(kid, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * The embedded file's content, or null when it is larger than the limit. PDFBox decodes a
     * whole stream into memory before the first byte can be read, so the encoded size is checked
     * first, and the one filter our certificates use (Flate) is inflated here as a stream, so a
     * compression bomb stops at the limit.
     */
    private byte[] boundedContent(COSStream stream) throws IOException {
        int max = limits.maxEmbeddedBytes();
        if (stream.getLength() > max) {
            return null;
        }
        COSBase filter = stream.getFilters();
        boolean plain = filter == null;
        boolean flate = COSName.FLATE_DECODE.equals(filter) && stream.getDictionaryObject(COSName.DECODE_PARMS) == null;
        try (InputStream in = plain ? stream.createRawInputStream()
                : flate ? new InflaterInputStream(stream.createRawInputStream()) : stream.createInputStream()) {
            byte[] content = in.readNBytes(max + 1);
            return content.length > max ? null : content;
        }
    }

    private ReadDocument readImage(byte[] bytes, Deadline deadline) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return ReadDocument.unreadable(ReadDocument.Kind.IMAGE, "The image format is not supported (PNG or JPEG).");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // the header's dimensions, before a single pixel is decoded
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > limits.maxPixels()) {
                    return ReadDocument.unreadable(ReadDocument.Kind.IMAGE, ReadDocument.Cause.OVER_LIMIT, "The image has "
                            + pixels + " pixels; at most " + limits.maxPixels() + " are read.");
                }
                deadline.check();
                BufferedImage image = reader.read(0);
                String qr = QrDecoding.decode(image, limits, deadline);
                if (qr == null) {
                    return ReadDocument.unreadable(ReadDocument.Kind.IMAGE, "No QR code could be read in the image.");
                }
                return new ReadDocument(ReadDocument.Kind.IMAGE, null, qr);
            }
            finally {
                reader.dispose();
            }
        }
        catch (IOException ex) {
            return ReadDocument.unreadable(ReadDocument.Kind.IMAGE, "The image cannot be decoded.");
        }
    }

}
