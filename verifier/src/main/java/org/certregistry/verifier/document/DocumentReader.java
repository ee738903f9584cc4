package org.certregistry.verifier.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Reads a presented document: a compact JWT as text, a PDF certificate (the credential embedded
 * as {@code credential.jwt}, {@code application/jwt}, in the EmbeddedFiles name tree, and the QR
 * code on page 1), or a PNG/JPEG picture of a QR code. Every input is bounded: bytes, pages
 * looked at, embedded file size, and pixels decoded, so hostile files cost little. Never throws
 * for bad input. Synchronous and CPU-bound.
 */
public final class DocumentReader {

    /** The largest document read at all. */
    public static final int MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

    /** The most pixels decoded from an image or rendered from a PDF page (40 megapixels). */
    public static final long MAX_PIXELS = 40_000_000L;

    /** The file name and media type under which the PDF carries its credential. */
    public static final String EMBEDDED_NAME = "credential.jwt";
    public static final String EMBEDDED_SUBTYPE = "application/jwt";

    private static final int MAX_TOKEN_BYTES = 32 * 1024;
    private static final float[] RENDER_DPIS = {150f, 300f};
    private static final Map<DecodeHintType, Object> QR_HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));

    public ReadDocument read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return ReadDocument.unreadable(ReadDocument.Kind.UNKNOWN, "The document is empty.");
        }
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            return ReadDocument.unreadable(ReadDocument.Kind.UNKNOWN, "The document is larger than " + MAX_DOCUMENT_BYTES
                    + " bytes.");
        }
        try {
            if (startsWith(bytes, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
                return readPdf(bytes);
            }
            if (startsWith(bytes, new byte[] {(byte) 0x89, 'P', 'N', 'G'}) || startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
                return readImage(bytes);
            }
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            if (bytes.length <= MAX_TOKEN_BYTES && text.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*")) {
                return new ReadDocument(ReadDocument.Kind.JWT, text, null, null);
            }
            return ReadDocument.unreadable(ReadDocument.Kind.UNKNOWN,
                    "This is neither a credential (a compact JWT), a PDF certificate, nor a PNG or JPEG image.");
        }
        catch (RuntimeException | OutOfMemoryError | StackOverflowError ex) {
            // a hostile file that trips a parser is still just an unreadable document
            return ReadDocument.unreadable(ReadDocument.Kind.UNKNOWN, "The document could not be read.");
        }
    }

    private ReadDocument readPdf(byte[] bytes) {
        try (PDDocument pdf = Loader.loadPDF(bytes, "", null, null, IOUtils.createMemoryOnlyStreamCache())) {
            if (pdf.getNumberOfPages() < 1) {
                return ReadDocument.unreadable(ReadDocument.Kind.PDF, "The PDF has no pages.");
            }
            String token = embeddedCredential(pdf);
            String qr = null;
            // a few in a hundred codes hide from the detector at one resolution (fine background lines
            // can mimic finder patterns); a second look at a higher one finds them
            for (float dpi : RENDER_DPIS) {
                BufferedImage page = renderFirstPage(pdf, dpi);
                qr = page == null ? null : decodeQr(page);
                if (qr != null) {
                    break;
                }
            }
            if (token == null && qr == null) {
                return ReadDocument.unreadable(ReadDocument.Kind.PDF,
                        "The PDF carries no embedded credential and no readable QR code on its first page.");
            }
            return new ReadDocument(ReadDocument.Kind.PDF, token, qr, null);
        }
        catch (IOException ex) {
            return ReadDocument.unreadable(ReadDocument.Kind.PDF, "The PDF cannot be read (it is damaged or encrypted).");
        }
    }

    /** The credential in the EmbeddedFiles name tree under {@value #EMBEDDED_NAME}, or null. */
    private static String embeddedCredential(PDDocument pdf) throws IOException {
        PDDocumentNameDictionary names = pdf.getDocumentCatalog().getNames();
        if (names == null || names.getEmbeddedFiles() == null) {
            return null;
        }
        return find(names.getEmbeddedFiles(), 0);
    }

    private static String find(PDNameTreeNode<PDComplexFileSpecification> node, int depth) throws IOException {
        if (depth > 8) {
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
                    try (InputStream in = file.createInputStream()) {
                        byte[] content = in.readNBytes(MAX_TOKEN_BYTES + 1);
                        if (content.length > MAX_TOKEN_BYTES) {
                            return null;
                        }
                        return new String(content, StandardCharsets.US_ASCII).strip();
                    }
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

    private static BufferedImage renderFirstPage(PDDocument pdf, float wantedDpi) throws IOException {
        PDPage page = pdf.getPage(0);
        PDRectangle box = page.getCropBox();
        double inches2 = (box.getWidth() / 72.0) * (box.getHeight() / 72.0);
        if (!(inches2 > 0)) {
            return null;
        }
        // at most MAX_PIXELS whatever size the page claims
        float dpi = (float) Math.min(wantedDpi, Math.sqrt(MAX_PIXELS / inches2));
        if (dpi < 20) {
            return null;
        }
        return new PDFRenderer(pdf).renderImageWithDPI(0, dpi, ImageType.GRAY);
    }

    private ReadDocument readImage(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return ReadDocument.unreadable(ReadDocument.Kind.IMAGE, "The image format is not supported (PNG or JPEG).");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    return ReadDocument.unreadable(ReadDocument.Kind.IMAGE, "The image has " + pixels
                            + " pixels; at most " + MAX_PIXELS + " are read.");
                }
                BufferedImage image = reader.read(0);
                String qr = decodeQr(image);
                if (qr == null) {
                    return ReadDocument.unreadable(ReadDocument.Kind.IMAGE, "No QR code could be read in the image.");
                }
                return new ReadDocument(ReadDocument.Kind.IMAGE, null, qr, null);
            }
            finally {
                reader.dispose();
            }
        }
        catch (IOException ex) {
            return ReadDocument.unreadable(ReadDocument.Kind.IMAGE, "The image cannot be decoded.");
        }
    }

    /** The text of a QR code in the image, or null. */
    static String decodeQr(BufferedImage image) {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
            try {
                return new QRCodeReader().decode(bitmap, QR_HINTS).getText();
            }
            catch (ReaderException ex) {
                // the single-code detector settles on the best three finder-pattern candidates and
                // gives up if they are wrong (about 1 page in 150 of ours); the multi-code reader
                // tries every plausible triple
                try {
                    Result[] found = new QRCodeMultiReader().decodeMultiple(bitmap, QR_HINTS);
                    if (found.length > 0) {
                        return found[0].getText();
                    }
                }
                catch (ReaderException again) {
                    // try the next binarizer
                }
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
