package org.certregistry.verifier.document;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.ResultPoint;
import com.google.zxing.ResultPointCallback;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DetectorResult;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.detector.MultiFinderPatternFinder;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.detector.Detector;
import com.google.zxing.qrcode.detector.FinderPattern;
import com.google.zxing.qrcode.detector.FinderPatternInfo;

/**
 * Finds the QR code in an image with zxing, within limits. zxing's single-code reader settles on
 * the best three finder-pattern candidates and gives up if they are wrong (about 1 page in 150 of
 * ours: the rosette and the seal look like finder patterns), so a miss falls back to the
 * multi-code detection, which tries every plausible triple. That step is cubic in the candidates
 * and then decodes every triple that passes, so an image made of finder patterns costs seconds to
 * minutes. zxing cannot be interrupted, but it reports each new candidate through its
 * {@link ResultPointCallback}: we count them there and stop the scan past
 * {@link DocumentLimits#maxFinderCandidates()}, before the combination step, and we run the
 * multi-code decoding ourselves (the same zxing classes {@code QRCodeMultiReader} uses) so the
 * number of triples tried and the deadline are checked between attempts.
 */
final class QrDecoding {

    private QrDecoding() {
    }

    /** What a scan found; {@link #candidates} is kept for measuring real pages against the cap. */
    static final class Candidates implements ResultPointCallback {
        private final int max;
        private final Deadline deadline;
        private int candidates;

        Candidates(int max, Deadline deadline) {
            this.max = max;
            this.deadline = deadline;
        }

        @Override
        public void foundPossibleResultPoint(ResultPoint point) {
            // alignment patterns come through here too; only finder patterns feed the cubic step
            if (point instanceof FinderPattern) {
                candidates++;
                if (candidates > max) {
                    throw new Refused(ReadDocument.Cause.OVER_LIMIT, "The image holds more than " + max
                            + " shapes that look like QR finder patterns; it is refused as too costly to read.");
                }
            }
            deadline.check();
        }

        int candidates() {
            return candidates;
        }
    }

    /** Lets us run zxing's detection step for one finder-pattern triple, as its MultiDetector does. */
    private static final class TripleDetector extends Detector {
        TripleDetector(BitMatrix image) {
            super(image);
        }

        DetectorResult detect(FinderPatternInfo info) throws ReaderException {
            return processFinderPatternInfo(info);
        }
    }

    /**
     * The text of a QR code in the image, or null when there is none.
     *
     * @throws Refused past a limit or the deadline
     */
    static String decode(BufferedImage image, DocumentLimits limits, Deadline deadline) {
        return decode(image, limits, deadline, null);
    }

    /** The same, recording the most candidates any one scan found into {@code seen[0]} (for measurement). */
    static String decode(BufferedImage image, DocumentLimits limits, Deadline deadline, int[] seen) {
        deadline.check();
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
            deadline.check();
            Candidates single = new Candidates(limits.maxFinderCandidates(), deadline);
            try {
                return new QRCodeReader().decode(bitmap, hints(single)).getText();
            }
            catch (ReaderException ex) {
                // fall back to every plausible triple
            }
            finally {
                record(seen, single);
            }
            String text = decodeMulti(bitmap, limits, deadline, seen);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    private static String decodeMulti(BinaryBitmap bitmap, DocumentLimits limits, Deadline deadline, int[] seen) {
        BitMatrix matrix;
        FinderPatternInfo[] triples;
        Candidates candidates = new Candidates(limits.maxFinderCandidates(), deadline);
        Map<DecodeHintType, Object> hints = hints(candidates);
        try {
            matrix = bitmap.getBlackMatrix();
            triples = new MultiFinderPatternFinder(matrix, candidates).findMulti(hints);
        }
        catch (ReaderException ex) {
            return null;
        }
        finally {
            record(seen, candidates);
        }
        Decoder decoder = new Decoder();
        TripleDetector detector = new TripleDetector(matrix);
        int attempts = Math.min(triples.length, limits.maxQrAttempts());
        for (int i = 0; i < attempts; i++) {
            deadline.check();
            try {
                return decoder.decode(detector.detect(triples[i]).getBits(), hints).getText();
            }
            catch (ReaderException ex) {
                // not a code there; try the next triple
            }
        }
        if (triples.length > attempts) {
            throw new Refused(ReadDocument.Cause.OVER_LIMIT, "The image holds " + triples.length
                    + " possible QR code positions; at most " + limits.maxQrAttempts() + " are tried and none held a code.");
        }
        return null;
    }

    private static Map<DecodeHintType, Object> hints(Candidates callback) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        hints.put(DecodeHintType.NEED_RESULT_POINT_CALLBACK, callback);
        return hints;
    }

    private static void record(int[] seen, Candidates candidates) {
        if (seen != null) {
            seen[0] = Math.max(seen[0], candidates.candidates());
        }
    }
}
