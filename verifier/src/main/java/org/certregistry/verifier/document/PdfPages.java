package org.certregistry.verifier.document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;

/**
 * Renders page 1 of an untrusted PDF within limits. A page can hold an image that is tiny on
 * disk and gigapixels decoded (a 195 KB file with a 40,000 x 40,000 one-bit image took 44 s and
 * 1.6 GB to render), so before rendering every image the page can reach through its resources
 * (forms within forms, soft masks) is sized from its dictionary, without decoding it; while
 * rendering, every image actually drawn (inline ones, those in annotations and patterns too) is
 * sized again, and every content-stream operator checks the deadline.
 */
final class PdfPages {

    /** Forms nest; a hostile file can nest them deeply or in a loop. */
    private static final int MAX_FORM_DEPTH = 8;
    /** The most XObjects looked at on one page. */
    private static final int MAX_XOBJECTS = 512;
    /** Below this the QR code on a page cannot be read anyway. */
    private static final float MIN_DPI = 20f;

    private PdfPages() {
    }

    /**
     * Refuses the page if any image it reaches claims more than {@code maxPixels}.
     *
     * @throws Refused when one does
     */
    static void checkImages(PDPage page, long maxPixels) {
        checkResources(page.getResources() == null ? null : page.getResources().getCOSObject(), maxPixels, 0,
                new HashSet<>(), new int[1]);
    }

    private static void checkResources(COSDictionary resources, long maxPixels, int depth, Set<COSBase> seen, int[] visited) {
        if (resources == null) {
            return;
        }
        COSDictionary xobjects = resources.getCOSDictionary(COSName.XOBJECT);
        if (xobjects == null) {
            return;
        }
        for (COSName name : xobjects.keySet()) {
            if (++visited[0] > MAX_XOBJECTS) {
                throw new Refused(ReadDocument.Cause.OVER_LIMIT, "The PDF page uses more than " + MAX_XOBJECTS
                        + " images and forms; it is refused as too costly to read.");
            }
            if (!(xobjects.getDictionaryObject(name) instanceof COSStream stream) || !seen.add(stream)) {
                continue;
            }
            if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                checkImage(stream, maxPixels);
                checkImage(stream.getCOSStream(COSName.SMASK), maxPixels);
            }
            else if (COSName.FORM.equals(stream.getCOSName(COSName.SUBTYPE))) {
                if (depth >= MAX_FORM_DEPTH) {
                    throw new Refused(ReadDocument.Cause.OVER_LIMIT, "The PDF page nests forms more than " + MAX_FORM_DEPTH
                            + " deep; it is refused.");
                }
                checkResources(stream.getCOSDictionary(COSName.RESOURCES), maxPixels, depth + 1, seen, visited);
            }
        }
    }

    private static void checkImage(COSDictionary image, long maxPixels) {
        if (image != null) {
            checkPixels(image.getInt(COSName.WIDTH, image.getInt(COSName.W, 0)),
                    image.getInt(COSName.HEIGHT, image.getInt(COSName.H, 0)), maxPixels);
        }
    }

    private static void checkPixels(long width, long height, long maxPixels) {
        if (width < 0 || height < 0 || width * height > maxPixels) {
            throw new Refused(ReadDocument.Cause.OVER_LIMIT, "The PDF page holds an image of " + width + " x " + height
                    + " pixels; at most " + maxPixels + " pixels are decoded.");
        }
    }

    /**
     * Page 1 rendered in grey at {@code wantedDpi}, lowered so it stays within {@code maxPixels};
     * null when the page is so large that the QR code could not be read at the resolution left.
     */
    static BufferedImage render(PDDocument pdf, float wantedDpi, long maxPixels, Deadline deadline) throws IOException {
        PDPage page = pdf.getPage(0);
        PDRectangle box = page.getCropBox();
        double inches2 = (box.getWidth() / 72.0) * (box.getHeight() / 72.0);
        if (!(inches2 > 0)) {
            return null;
        }
        float dpi = (float) Math.min(wantedDpi, Math.sqrt(maxPixels / inches2));
        if (dpi < MIN_DPI) {
            return null;
        }
        PDFRenderer renderer = new BoundedRenderer(pdf, maxPixels, deadline);
        // large images are drawn from a subsample when the page is rendered smaller than they are
        renderer.setSubsamplingAllowed(true);
        return renderer.renderImageWithDPI(0, dpi, ImageType.GRAY);
    }

    private static final class BoundedRenderer extends PDFRenderer {
        private final long maxPixels;
        private final Deadline deadline;

        BoundedRenderer(PDDocument document, long maxPixels, Deadline deadline) {
            super(document);
            this.maxPixels = maxPixels;
            this.deadline = deadline;
        }

        @Override
        protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
            return new BoundedPageDrawer(parameters, maxPixels, deadline);
        }
    }

    private static final class BoundedPageDrawer extends PageDrawer {
        private final long maxPixels;
        private final Deadline deadline;

        BoundedPageDrawer(PageDrawerParameters parameters, long maxPixels, Deadline deadline) throws IOException {
            super(parameters);
            this.maxPixels = maxPixels;
            this.deadline = deadline;
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            deadline.check();
            super.processOperator(operator, operands);
        }

        @Override
        public void drawImage(PDImage image) throws IOException {
            // inline images and images in annotations or patterns were not in the resource check
            checkPixels(image.getWidth(), image.getHeight(), maxPixels);
            super.drawImage(image);
        }
    }
}
