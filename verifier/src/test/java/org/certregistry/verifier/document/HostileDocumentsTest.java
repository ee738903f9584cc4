package org.certregistry.verifier.document;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.certregistry.verifier.Outcome;
import org.certregistry.verifier.Verdict;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.verifier.support.TestCredentials;
import org.certregistry.verifier.support.TestDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents built to cost the verifier as much as possible. Every one must be answered with a clear
 * "could not be read" for little; wall-clock is printed for the record (see verifier/README.md) but
 * never asserted, and each test has a generous timeout only as a hang guard.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileDocumentsTest {

    static final String QR = TestCredentials.REGISTRY + "/v/" + TestCredentials.NUMBER;

    /** Reads and prints how long it took (for the README's table, not asserted). */
    static ReadDocument timed(String what, DocumentReader reader, byte[] bytes) {
        long start = System.nanoTime();
        ReadDocument read = reader.read(bytes);
        System.out.printf("%s (%d bytes): %.0f ms -> %s%n", what, bytes.length, (System.nanoTime() - start) / 1e6, read.problem());
        return read;
    }

    @Test
    void aGridOfFifteenByFifteenFinderPatternsIsRefusedBeforeZxingCombinesThem() {
        // ~3.4 s per multi-code scan before, twice (two binarizers)
        ReadDocument read = timed("15 x 15 finder patterns", new DocumentReader(), TestDocuments.png(TestDocuments.finderGrid(15)));
        assertThat(read.readable()).isFalse();
        assertThat(read.cause()).isEqualTo(ReadDocument.Cause.OVER_LIMIT);
        assertThat(read.problem()).contains("more than " + DocumentLimits.DEFAULTS.maxFinderCandidates(), "finder patterns");
    }

    @Test
    void aGridOfFourHundredFinderPatternsIsRefusedBeforeZxingCombinesThem() {
        // ~27 s per multi-code scan before
        ReadDocument read = timed("20 x 20 finder patterns", new DocumentReader(), TestDocuments.png(TestDocuments.finderGrid(20)));
        assertThat(read.cause()).isEqualTo(ReadDocument.Cause.OVER_LIMIT);
        assertThat(read.problem()).contains("finder patterns");
    }

    @Test
    void fewerCandidatesThanTheCapStillCostOnlyTheTriplesTried() {
        // 7 x 7 = 49 patterns stay under the cap; hundreds of triples pass zxing's geometry test
        ReadDocument read = timed("7 x 7 finder patterns", new DocumentReader(), TestDocuments.png(TestDocuments.finderGrid(7)));
        assertThat(read.readable()).isFalse();
        assertThat(read.cause()).isEqualTo(ReadDocument.Cause.OVER_LIMIT);
        assertThat(read.problem()).contains("possible QR code positions", "at most " + DocumentLimits.DEFAULTS.maxQrAttempts());
    }

    @Test
    void aQrCodeAmongAFewFinderLookalikesIsStillRead() {
        // our own pages: a rosette and a seal that look like finder patterns beside the real code
        BufferedImage page = new BufferedImage(900, 600, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = page.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 900, 600);
        g.drawImage(TestDocuments.finderGrid(2), 40, 40, null);
        g.drawImage(TestDocuments.qr(QR, 300), 560, 260, null);
        g.dispose();
        ReadDocument read = new DocumentReader().read(TestDocuments.png(page));
        assertThat(read.readable()).as(String.valueOf(read.problem())).isTrue();
        assertThat(read.qrText()).isEqualTo(QR);
    }

    @Test
    void aPdfPageWithAFortyThousandPixelSquareImageIsRefusedFromItsDictionary() {
        // ~195 KB on disk, 1.6 gigapixels decoded: 44 s and 1.6 GB of heap to render before
        byte[] bomb = TestDocuments.pdfWithImage(40_000, 40_000);
        ReadDocument read = timed("PDF with a 40,000 x 40,000 image", new DocumentReader(), bomb);
        assertThat(read.kind()).isEqualTo(ReadDocument.Kind.PDF);
        assertThat(read.cause()).isEqualTo(ReadDocument.Cause.OVER_LIMIT);
        assertThat(read.problem()).contains("40000 x 40000", "pixels");
    }

    @Test
    void anImageJustUnderThePixelLimitOnAPdfPageIsRendered() {
        // the check sizes images; it does not refuse pages that have one
        ReadDocument read = new DocumentReader().read(TestDocuments.pdfWithImage(2_000, 2_000));
        assertThat(read.cause()).isEqualTo(ReadDocument.Cause.NOT_A_CERTIFICATE);
        assertThat(read.problem()).contains("no embedded credential");
    }

    @Test
    void aPdfWithManyPagesIsRefusedWithoutLookingAtThem() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (PDDocument pdf = new PDDocument()) {
            for (int i = 0; i < 500; i++) {
                pdf.addPage(new PDPage());
            }
            pdf.save(out);
        }
        ReadDocument read = new DocumentReader().read(out.toByteArray());
        assertThat(read.cause()).isEqualTo(ReadDocument.Cause.OVER_LIMIT);
        assertThat(read.problem()).contains("500 pages");
    }

    @Test
    void anEmbeddedCredentialThatInflatesPastTheLimitIsIgnored() throws Exception {
        // ~20 KB of Flate that inflates to 20 MB: inflated as a stream, it stops at the limit
        byte[] pdf = TestDocuments.pdf(QR, "a".repeat(20_000_000));
        ReadDocument read = new DocumentReader().read(pdf);
        assertThat(read.token()).isNull();
        assertThat(read.qrText()).isEqualTo(QR);
    }

    @Test
    void aDocumentPastTheDeadlineIsAnsweredAtTheDeadlineAndTheThreadIsFreedForTheNext() throws Exception {
        // with the candidate cap lifted, the 20 x 20 grid is the old 27 s decoding; the deadline cuts it
        DocumentLimits uncapped = DocumentLimits.DEFAULTS.withMaxFinderCandidates(100_000).withMaxQrAttempts(1_000_000)
            .withDeadline(Duration.ofMillis(500));
        try (DocumentDecoder decoder = new DocumentDecoder(uncapped, 1, 4)) {
            long start = System.nanoTime();
            DocumentDecoder.Outcome outcome = decoder.decode(TestDocuments.png(TestDocuments.finderGrid(20))).get();
            System.out.printf("20 x 20 grid, no cap, 500 ms deadline: answered in %.0f ms%n", (System.nanoTime() - start) / 1e6);
            assertThat(outcome).isInstanceOf(DocumentDecoder.Outcome.Unreadable.class);
            assertThat(((DocumentDecoder.Outcome.Unreadable) outcome).cause()).isEqualTo(ReadDocument.Cause.DEADLINE);
            assertThat(((DocumentDecoder.Outcome.Unreadable) outcome).reason()).contains("could not be read within 500 ms");

            // the one decoding thread is free again (cancelled work stops at its next check)
            DocumentDecoder.Outcome next = nextReadable(decoder, TestDocuments.png(TestDocuments.qr(QR, 400)));
            assertThat(next).isInstanceOf(DocumentDecoder.Outcome.Read.class);
            assertThat(next.document().qrText()).isEqualTo(QR);
        }
    }

    /** The outcome of decoding, retried while the previous (cancelled) work is still leaving zxing's combination step. */
    private static DocumentDecoder.Outcome nextReadable(DocumentDecoder decoder, byte[] document) throws Exception {
        DocumentDecoder.Outcome outcome;
        int tries = 0;
        do {
            outcome = decoder.decode(document).get();
            if (!(outcome instanceof DocumentDecoder.Outcome.Read)) {
                Thread.sleep(100); // on a loaded machine the cancelled work may take a few scheduling rounds to stop
            }
        }
        while (!(outcome instanceof DocumentDecoder.Outcome.Read) && ++tries < 50);
        return outcome;
    }

    @Test
    void whenEveryThreadIsBusyAndTheQueueFullTheAnswerIsBusyAtOnce() throws Exception {
        DocumentLimits slow = DocumentLimits.DEFAULTS.withMaxFinderCandidates(100_000).withMaxQrAttempts(1_000_000)
            .withDeadline(Duration.ofSeconds(3));
        byte[] hostile = TestDocuments.png(TestDocuments.finderGrid(20));
        try (DocumentDecoder decoder = new DocumentDecoder(slow, 1, 1)) {
            List<CompletableFuture<DocumentDecoder.Outcome>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(decoder.decode(hostile));
            }
            // one being read, one queued, the third turned away without waiting
            assertThat(answers.get(2)).isCompletedWithValueMatching(o -> o instanceof DocumentDecoder.Outcome.Busy);
            assertThat(answers.get(0)).isNotDone();
            assertThat(answers.get(0).get()).isInstanceOf(DocumentDecoder.Outcome.Unreadable.class);
            assertThat(answers.get(1).get()).isInstanceOf(DocumentDecoder.Outcome.Unreadable.class);
        }
    }

    @Test
    void aCertificatePictureIsReadThroughTheDecoder() throws Exception {
        try (DocumentDecoder decoder = new DocumentDecoder(DocumentLimits.DEFAULTS, 2, 8)) {
            DocumentDecoder.Outcome pdf = decoder.decode(TestDocuments.pdf(QR, null)).get();
            assertThat(pdf).isInstanceOf(DocumentDecoder.Outcome.Read.class);
            assertThat(pdf.document().qrText()).isEqualTo(QR);
        }
    }

    @Test
    void refusalsForCostAreUndeterminedAndNotACertificateIsInvalid() {
        DocumentVerifier verifier = DocumentVerifierTest.verifier();
        VerificationReport hostile = verifier.verify(TestDocuments.png(TestDocuments.finderGrid(15)));
        assertThat(hostile.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(hostile.checks().get(0).outcome()).isEqualTo(Outcome.UNAVAILABLE);
        VerificationReport blank = verifier.verify(TestDocuments.png(new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB)));
        assertThat(blank.verdict()).isEqualTo(Verdict.INVALID);
    }
}
