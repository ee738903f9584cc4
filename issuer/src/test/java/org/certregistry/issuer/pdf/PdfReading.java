package org.certregistry.issuer.pdf;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads a rendered certificate back as a person, a printer or a camera would. */
final class PdfReading {

    private PdfReading() {
    }

    static PDDocument load(byte[] pdf) {
        try {
            return Loader.loadPDF(pdf);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String text(byte[] pdf) {
        try (PDDocument document = load(pdf)) {
            return new PDFTextStripper().getText(document);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every font the page uses, with its name, for "all embedded" checks. */
    static List<PDFont> fonts(byte[] pdf) {
        try (PDDocument document = load(pdf)) {
            List<PDFont> fonts = new ArrayList<>();
            PDResources resources = document.getPage(0).getResources();
            for (COSName name : resources.getFontNames()) {
                fonts.add(resources.getFont(name));
            }
            return fonts;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static BufferedImage page(byte[] pdf, int dpi) {
        try (PDDocument document = load(pdf)) {
            return new PDFRenderer(document).renderImageWithDPI(0, dpi);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String qrCode(BufferedImage image) {
        try {
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE)))
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
            throw new AssertionError("No QR code found on the page", ex);
        }
    }
}
