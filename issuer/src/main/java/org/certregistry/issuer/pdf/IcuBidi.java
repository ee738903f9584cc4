package org.certregistry.issuer.pdf;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.BidiRun;
import com.openhtmltopdf.bidi.BidiReorderer;
import com.openhtmltopdf.bidi.BidiSplitter;
import com.openhtmltopdf.bidi.BidiSplitterFactory;
import com.openhtmltopdf.bidi.BidiTextRun;

/**
 * openhtmltopdf's hooks for right-to-left text, on ICU4J: the Unicode bidi algorithm splits each
 * paragraph into runs of one direction, a right-to-left run is drawn reversed (mirroring brackets),
 * and Arabic letters take their joined forms (initial, medial, final; lam-alef ligatures) from the
 * presentation-form characters, which the bundled Noto Sans Arabic maps. Without them openhtmltopdf
 * draws every run left to right, so Arabic and Hebrew print backwards and Arabic unjoined.
 *
 * <p>openhtmltopdf's own adapter (openhtmltopdf-rtl-support) does the same but is not published
 * past 1.1.31; these few lines use the ICU4J the registry already has.
 */
final class IcuBidi {

    /** A new splitter per paragraph, as the engine asks: ICU's {@link Bidi} holds one paragraph's state. */
    static final BidiSplitterFactory SPLITTERS = Splitter::new;

    private IcuBidi() {
    }

    private static final class Splitter implements BidiSplitter {

        private final Bidi bidi = new Bidi();

        @Override
        public void setParagraph(String paragraph, byte defaultDirection) {
            bidi.setPara(paragraph, defaultDirection == RTL ? Bidi.RTL : Bidi.LTR, null);
        }

        @Override
        public int countTextRuns() {
            return bidi.countRuns();
        }

        @Override
        public BidiTextRun getVisualRun(int runIndex) {
            BidiRun run = bidi.getVisualRun(runIndex);
            return new BidiTextRun(run.getStart(), run.getLength(), run.isOddRun() ? RTL : LTR);
        }

        /** The direction of the first strong character (as HTML's {@code dir="auto"}), else neutral. */
        @Override
        public byte getBaseDirection(String paragraph) {
            return switch (Bidi.getBaseDirection(paragraph)) {
                case Bidi.RTL -> RTL;
                case Bidi.LTR -> LTR;
                default -> NEUTRAL;
            };
        }
    }

    /** Reverses and shapes right-to-left runs; stateless, but made per render like the rest of the engine's setup. */
    static final class Reorderer implements BidiReorderer {

        private static final int LOGICAL = ArabicShaping.TEXT_DIRECTION_LOGICAL | ArabicShaping.LENGTH_GROW_SHRINK;
        private final ArabicShaping shaper = new ArabicShaping(LOGICAL | ArabicShaping.LETTERS_SHAPE);
        private final ArabicShaping unshaper = new ArabicShaping(LOGICAL | ArabicShaping.LETTERS_UNSHAPE);

        @Override
        public String reorderRTLTextToLTR(String text) {
            return Bidi.writeReverse(text, Bidi.DO_MIRRORING);
        }

        @Override
        public String shapeText(String text) {
            return shape(shaper, text);
        }

        /** Used by the engine when a font lacks a shaped form: the plain letter is drawn instead. */
        @Override
        public String deshapeText(String text) {
            return shape(unshaper, text);
        }

        @Override
        public boolean isLiveImplementation() {
            return true;
        }

        private static String shape(ArabicShaping shaping, String text) {
            try {
                return shaping.shape(text);
            }
            catch (ArabicShapingException ex) {
                // only thrown for fixed-length options, which are not used; drawn unshaped rather than not at all
                return text;
            }
        }
    }
}
