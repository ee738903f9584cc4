package org.certregistry.verifier.document;

import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import com.nimbusds.jose.jwk.ECKey;
import org.certregistry.verifier.Outcome;
import org.certregistry.verifier.Verdict;
import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.verifier.Verifier;
import org.certregistry.verifier.fetch.FetchException;
import org.certregistry.verifier.keys.JwksKeySource;
import org.certregistry.verifier.registry.RegistryLookup;
import org.certregistry.verifier.status.StatusLookup;
import org.certregistry.verifier.support.TestCredentials;
import org.certregistry.verifier.support.TestDocuments;
import org.certregistry.verifier.support.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentVerifierTest {

    static final ECKey KEY = TestKeys.ec("issuer-1");
    static final Clock NOW = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final String QR = TestCredentials.REGISTRY + "/v/" + TestCredentials.NUMBER;
    static final String JWT = TestCredentials.signedWith(KEY).jwt();

    static DocumentVerifier verifier(CurrentCredentials current) {
        Verifier verifier = Verifier.builder().trustedRegistry(TestCredentials.REGISTRY)
            .keys(JwksKeySource.of(TestKeys.publish(KEY)))
            .status((issuer, url, index) -> new StatusLookup.Clear(url))
            .registry((n, id, from) -> new RegistryLookup.Current()).clock(NOW).build();
        return new DocumentVerifier(verifier, TestCredentials.REGISTRY, current, NOW);
    }

    static DocumentVerifier verifier() {
        return verifier(number -> number.equals(TestCredentials.NUMBER) ? Optional.of(JWT) : Optional.empty());
    }

    @Test
    void aPdfWithItsCredentialEmbeddedAndAMatchingQrCodeIsValid() {
        VerificationReport report = verifier(number -> {
            throw new AssertionError("an embedded credential needs no registry fetch");
        }).verify(TestDocuments.pdf(QR, JWT));
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.VALID);
        assertThat(report.checks().get(0).check()).isEqualTo(CheckName.DOCUMENT);
        assertThat(report.checks().get(0).message()).contains("embeds its credential", TestCredentials.NUMBER);
    }

    @Test
    void aPdfWhoseQrCodeNamesAnotherCertificateIsInvalid() {
        String other = TestCredentials.REGISTRY + "/v/CCXP-AAA-BBB-CCC";
        VerificationReport report = verifier().verify(TestDocuments.pdf(other, JWT));
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.checks().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.checks().get(0).message()).contains("tampered");
    }

    @Test
    void aPdfWhoseQrCodeLeadsToAnotherSiteIsInvalid() {
        VerificationReport report = verifier().verify(TestDocuments.pdf("https://evil.example/v/" + TestCredentials.NUMBER, JWT));
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.checks().get(0).message()).contains("does not lead to this registry");
    }

    @Test
    void aPdfWithoutAnEmbeddedCredentialFallsBackToItsQrCode() {
        VerificationReport report = verifier().verify(TestDocuments.pdf(QR, null));
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.VALID);
        assertThat(report.checks().get(0).message()).contains("current credential was fetched");
    }

    @Test
    void aPdfWithAForgedEmbeddedCredentialIsInvalid() {
        String forged = TestCredentials.signedWith(TestKeys.ec("issuer-1")).jwt();
        assertThat(verifier().verify(TestDocuments.pdf(QR, forged)).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aPictureOfTheQrCodeIsVerifiedAgainstTheCurrentCredential() {
        BufferedImage qr = TestDocuments.qr(QR, 400);
        assertThat(verifier().verify(TestDocuments.png(qr)).verdict()).isEqualTo(Verdict.VALID);
        assertThat(verifier().verify(TestDocuments.jpeg(qr)).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aQrCodeOfAnUnknownNumberIsInvalidAndAnUnreachableRegistryUndetermined() {
        BufferedImage qr = TestDocuments.qr(TestCredentials.REGISTRY + "/v/CCXP-AAA-BBB-CCC", 400);
        assertThat(verifier().verify(TestDocuments.png(qr)).verdict()).isEqualTo(Verdict.INVALID);
        VerificationReport down = verifier(number -> {
            throw new FetchException("connection refused");
        }).verify(TestDocuments.png(qr));
        assertThat(down.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(down.checks().get(0).outcome()).isEqualTo(Outcome.UNAVAILABLE);
    }

    @Test
    void junkDamagedAndHugeDocumentsAreUnreadableNeverAnException() {
        DocumentVerifier verifier = verifier();
        byte[] pdf = TestDocuments.pdf(QR, JWT);
        byte[][] junk = {new byte[0], "%PDF-1.7 garbage".getBytes(), java.util.Arrays.copyOf(pdf, pdf.length / 2),
            new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0},
            TestDocuments.png(new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB))};
        for (byte[] bytes : junk) {
            VerificationReport report = verifier.verify(bytes);
            assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
            assertThat(report.checks().get(0).message()).isNotBlank();
        }
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefusedUnreadAsUndetermined() {
        // refused for what reading it would cost, not for what it is: nothing was learnt of it
        VerificationReport report = verifier().verify(new byte[DocumentReader.MAX_DOCUMENT_BYTES + 1]);
        assertThat(report.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(report.checks().get(0).message()).contains("larger than");
    }

    @Test
    void anImageClaimingTooManyPixelsIsRefusedBeforeDecoding() {
        // a 1-bit 20000 x 20000 PNG is tiny on disk and 400 megapixels decoded
        BufferedImage huge = new BufferedImage(20_000, 20_000, BufferedImage.TYPE_BYTE_BINARY);
        byte[] png = TestDocuments.png(huge);
        ReadDocument read = new DocumentReader().read(png);
        assertThat(read.readable()).isFalse();
        assertThat(read.problem()).contains("pixels");
    }

    @Test
    void aPageClaimingAbsurdDimensionsIsRenderedWithinThePixelBudget() {
        // 200 x 200 inches: 1.4 gigapixels at 150 dpi if rendered naively
        byte[] pdf = TestDocuments.pdf(QR, JWT, new org.apache.pdfbox.pdmodel.common.PDRectangle(14_400, 14_400));
        ReadDocument read = new DocumentReader().read(pdf);
        assertThat(read.readable()).isTrue();
        assertThat(read.token()).isEqualTo(JWT);
    }

    @Test
    void aCompactJwtAsTextIsReadAsIs() {
        ReadDocument read = new DocumentReader().read(("  " + JWT + "\n").getBytes());
        assertThat(read.kind()).isEqualTo(ReadDocument.Kind.JWT);
        assertThat(read.token()).isEqualTo(JWT);
        assertThat(verifier().verify(JWT.getBytes()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void inStagesAPictureNamesItsCertificateAndTheChecksAskTheSourcesGivenForThatVerification() {
        DocumentVerifier documents = verifier(number -> {
            throw new AssertionError("the sources given for this verification answer, not the verifier's own");
        });
        Presented presented = documents.present(new DocumentReader().read(TestDocuments.png(TestDocuments.qr(QR, 300))));
        assertThat(presented).isInstanceOf(Presented.Naming.class);
        Presented.Naming naming = (Presented.Naming) presented;
        assertThat(naming.number()).isEqualTo(TestCredentials.NUMBER);
        assertThat(naming.needsCurrentCredential()).isTrue();

        VerificationReport report = documents.verify(naming, number -> Optional.of(JWT),
                (issuer, url, index) -> new StatusLookup.Set(url), (n, id, from) -> new RegistryLookup.Revoked(null));
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.REVOKED);
        assertThat(report.checks().get(0).check()).isEqualTo(CheckName.DOCUMENT);
    }

    @Test
    void inStagesACredentialIsParsedOnceAndNamesTheNumberItClaims() {
        Presented presented = verifier().present(new ReadDocument(ReadDocument.Kind.JWT, JWT, null));
        Presented.Naming naming = (Presented.Naming) presented;
        assertThat(naming.number()).isEqualTo(TestCredentials.NUMBER);
        assertThat(naming.credential().jwt()).as("parsed while its number was read").isNotNull();
        assertThat(naming.needsCurrentCredential()).isFalse();
    }

    @Test
    void inStagesAnUnreadableDocumentIsAnsweredWithoutAnyLookup() {
        Presented presented = verifier().present(new DocumentReader().read("not a document".getBytes()));
        assertThat(presented).isInstanceOf(Presented.Answered.class);
        assertThat(((Presented.Answered) presented).report().verdict()).isEqualTo(Verdict.INVALID);
    }
}
