package org.certregistry.web.support;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads produced documents back: PDF text, rasterised pages, QR codes. */
public final class Documents {

    private Documents() {
    }

    public static String pdfText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static int pageCount(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The first page rendered as an image at {@code dpi}, as a printer or a camera would see it. */
    public static BufferedImage firstPage(byte[] pdf, int dpi) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFRenderer(document).renderImageWithDPI(0, dpi);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The text of the QR code found in the image. */
    public static String decodeQr(BufferedImage image) {
        try {
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.POSSIBLE_FORMATS,
                            java.util.List.of(BarcodeFormat.QR_CODE)))
                .getText();
        }
        catch (NotFoundException ex) {
            // the single-code detector can settle on wrong finder-pattern candidates; the multi-code
            // reader tries every plausible triple (as the verifier does)
            try {
                com.google.zxing.Result[] found = new com.google.zxing.multi.qrcode.QRCodeMultiReader().decodeMultiple(
                        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                        Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
                if (found.length > 0) {
                    return found[0].getText();
                }
            }
            catch (NotFoundException again) {
                // fall through to the failure below
            }
            throw new AssertionError("No QR code found in the image", ex);
        }
    }
}
