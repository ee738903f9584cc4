package org.certregistry.issuer.pdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.xml.DomXmpParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificatePdfRendererTest {

    private static final String NAME = "Zoë Kowalczyk-Ørsted";

    private final CertificatePdfRenderer renderer = new CertificatePdfRenderer();

    @Test
    void printsTheHolderProgramNumberDatesIssuerAndVerificationAddressOnOnePage() {
        byte[] pdf = renderer.render(TestCertificates.ccxp(NAME));

        try (PDDocument document = PdfReading.load(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            // A4 landscape: 297 x 210 mm
            assertThat(document.getPage(0).getMediaBox().getWidth()).isCloseTo(841.9f, org.assertj.core.data.Offset.offset(1f));
            assertThat(document.getPage(0).getMediaBox().getHeight()).isCloseTo(595.3f, org.assertj.core.data.Offset.offset(1f));
        }
        catch (IOException ex) {
            throw new AssertionError(ex);
        }
        assertThat(PdfReading.text(pdf)).contains(NAME, "Certified Customer Experience Professional", "CCXP",
                TestCertificates.NUMBER, "AWARDED", "1 March 2026", "VALID UNTIL", "1 March 2028", "CERTIFICATE",
                "CUSTOMER EXPERIENCE PROFESSIONALS ASSOCIATION (CXPA)", "Customer Experience Professionals Association (CXPA)", "Chair of the Certification Board",
                TestCertificates.VERIFICATION_URL);
    }

    @Test
    void aFrenchCertificateIsWordedDatedAndTaggedInFrench() throws Exception {
        byte[] pdf = renderer.render(TestCertificates.ccxp(NAME).in(Locale.FRENCH));

        String text = PdfReading.text(pdf);
        assertThat(text).contains(NAME, "CERTIFICAT", "de certification professionnelle",
                "Le présent certificat atteste que", "réussi l’examen de certification", "DÉCERNÉ LE", "1 mars 2026",
                "VALIDE JUSQU’AU", "1 mars 2028", "Présidence du comité de certification", "Scannez le code ou consultez",
                TestCertificates.VERIFICATION_URL, "Certified Customer Experience Professional")
            .doesNotContain("This is to certify", "March", "Valid until");
        // small letter-spaced capitals: PDFBox's extractor reads a gap after an F as a space
        assertThat(text.replaceAll("\\s", "")).contains("NUMÉRODECERTIFICAT", "CERTIFIÉ", "VÉRIFIERCECERTIFICAT");
        try (PDDocument document = PdfReading.load(pdf)) {
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("fr");
            // the tagged content's own language, which screen readers read by
            assertThat(document.getDocumentCatalog().getStructureTreeRoot().getKids())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.type(PDStructureElement.class))
                .extracting(PDStructureElement::getLanguage).isEqualTo("fr");
            XMPMetadata xmp = new DomXmpParser().parse(document.getDocumentCatalog().getMetadata().toByteArray());
            assertThat(xmp.getDublinCoreSchema().getLanguages()).containsExactly("fr");
            assertThat(xmp.getDublinCoreSchema().getTitle())
                .isEqualTo("Certificat Certified Customer Experience Professional " + TestCertificates.NUMBER + " de " + NAME);
            assertThat(document.getDocumentInformation().getSubject()).startsWith("Certificat " + TestCertificates.NUMBER + " décerné à " + NAME);
        }
    }

    @Test
    void everyTemplateInEveryLanguageIsOnePageDatedInThatLanguage() {
        Map<String, String> dated = Map.of("en", "1 March 2028", "fr", "1 mars 2028", "es", "1 de marzo de 2028",
                "de", "1. März 2028");
        Map<String, String> titled = Map.of("en", "CERTIFICATE", "fr", "CERTIFICAT", "es", "CERTIFICADO", "de", "ZERTIFIKAT");
        CertificateDocument ccxp = TestCertificates.ccxp(NAME);
        CertificateDocument standard = new CertificateDocument("certificate", NAME, "Certified CX Auditor", "CCXA",
                "CXPA", "CCXA-7KD-M2Q-X9F", ccxp.awardedOn(), ccxp.validFrom(), ccxp.validUntil(), ccxp.verificationUrl(),
                ccxp.credentialJwt());
        for (CertificateDocument document : List.of(ccxp, TestCertificates.cxsp(NAME), standard)) {
            for (Locale language : CertificateLanguages.SUPPORTED) {
                // render refuses a layout that spills onto a second page
                String text = PdfReading.text(renderer.render(document.in(language)));

                assertThat(text).as(document.template() + " in " + language)
                    .contains(NAME, dated.get(language.getLanguage()), titled.get(language.getLanguage()));
            }
        }
    }

    @Test
    void eachProgramIsPrintedWithItsOwnTemplate() {
        String ccxp = PdfReading.text(renderer.render(TestCertificates.ccxp(NAME)));
        String cxsp = PdfReading.text(renderer.render(TestCertificates.cxsp(NAME)));

        assertThat(ccxp).contains("passed the certification examination").doesNotContain("practitioner programme");
        assertThat(cxsp).contains("CX Standard Practitioner", "practitioner programme");
    }

    @Test
    void aProgramWithoutATemplateOfItsOwnIsPrintedWithTheDefaultOne() {
        CertificateDocument ccxp = TestCertificates.ccxp(NAME);
        CertificateDocument other = new CertificateDocument("certificate", NAME, "Certified CX Auditor", "CCXA",
                "CXPA", "CCXA-7KD-M2Q-X9F", ccxp.awardedOn(), ccxp.validFrom(), ccxp.validUntil(), ccxp.verificationUrl(),
                ccxp.credentialJwt());

        assertThat(PdfReading.text(renderer.render(other))).contains(NAME, "Certified CX Auditor", "CCXA-7KD-M2Q-X9F",
                "requirement of the certification programme");
    }

    @Test
    void anUnknownTemplateIsRefusedByName() {
        CertificateDocument ccxp = TestCertificates.ccxp(NAME);
        CertificateDocument unknown = new CertificateDocument("no-such-template", ccxp.holderName(), ccxp.programName(),
                ccxp.programCode(), ccxp.awardingBody(), ccxp.certificateNumber(), ccxp.awardedOn(), ccxp.validFrom(),
                ccxp.validUntil(), ccxp.verificationUrl(), ccxp.credentialJwt());

        assertThatThrownBy(() -> renderer.render(unknown)).hasMessageContaining("no-such-template");
    }

    @Test
    void embedsEveryFontItUses() {
        byte[] pdf = renderer.render(TestCertificates.ccxp("王小明 Ελένη Παπαδοπούλου Иван 😀"));

        assertThat(PdfReading.fonts(pdf)).isNotEmpty().allSatisfy(font -> assertThat(font.isEmbedded())
            .as("font %s is embedded", font.getName()).isTrue());
        assertThat(PdfReading.fonts(pdf)).extracting(PDFont::getName)
            .anySatisfy(name -> assertThat(name).contains("DejaVuSerif"))
            .anySatisfy(name -> assertThat(name).contains("DroidSansFallback"))
            .anySatisfy(name -> assertThat(name).contains("Symbola"));
    }

    @Test
    void theQrCodeOnThePrintedPageHoldsTheVerificationAddress() {
        byte[] pdf = renderer.render(TestCertificates.ccxp(NAME));

        assertThat(PdfReading.qrCode(PdfReading.page(pdf, 150))).isEqualTo(TestCertificates.VERIFICATION_URL);
    }

    @Test
    void carriesTheSignedCredentialAsAnAttachmentThatVerifiesAgainstThePublishedKeys() throws Exception {
        CertificateDocument certificate = TestCertificates.ccxp(NAME);
        byte[] pdf = renderer.render(certificate);

        try (PDDocument document = PdfReading.load(pdf)) {
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names.getEmbeddedFiles();
            Map<String, PDComplexFileSpecification> files = tree.getKids().get(0).getNames();
            assertThat(files).containsOnlyKeys("credential.jwt");
            PDComplexFileSpecification spec = files.get("credential.jwt");
            assertThat(spec.getFileUnicode()).isEqualTo("credential.jwt");
            assertThat(spec.getCOSObject().getCOSName(COSName.getPDFName("AFRelationship"))).isEqualTo(COSName.getPDFName("Source"));
            assertThat(document.getDocumentCatalog().getCOSObject().getCOSArray(COSName.getPDFName("AF")).getObject(0))
                .isSameAs(spec.getCOSObject());
            PDEmbeddedFile file = spec.getEmbeddedFileUnicode();
            assertThat(file.getSubtype()).isEqualTo("application/jwt");
            String jwt = new String(file.toByteArray(), StandardCharsets.US_ASCII);

            assertThat(jwt).isEqualTo(certificate.credentialJwt());
            SignedJWT signed = SignedJWT.parse(jwt);
            ECKey key = (ECKey) TestCertificates.publishedKeys().getKeyByKeyId(signed.getHeader().getKeyID());
            assertThat(signed.verify(new ECDSAVerifier(key))).isTrue();
        }
    }

    @Test
    void itsMetadataNamesTheCertificateAndItsHolder() throws Exception {
        byte[] pdf = renderer.render(TestCertificates.ccxp(NAME));

        try (PDDocument document = PdfReading.load(pdf)) {
            XMPMetadata xmp = new DomXmpParser().parse(document.getDocumentCatalog().getMetadata().toByteArray());
            assertThat(xmp.getDublinCoreSchema().getTitle()).contains(TestCertificates.NUMBER, NAME,
                    "Certified Customer Experience Professional");
            assertThat(xmp.getDublinCoreSchema().getIdentifier()).isEqualTo(TestCertificates.NUMBER);
            assertThat(xmp.getDublinCoreSchema().getSubjects()).contains(TestCertificates.NUMBER, NAME);
            assertThat(xmp.getPDFAIdentificationSchema().getPart()).isEqualTo(3);
            assertThat(xmp.getPDFAIdentificationSchema().getConformance()).isEqualTo("B");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo(xmp.getDublinCoreSchema().getTitle());
            assertThat(xmp.getDublinCoreSchema().getLanguages()).containsExactly("en");
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("en");
        }
    }

    @Test
    void theTemplatesRosetteIsDrawnInVectorsBehindTheText() throws Exception {
        byte[] pdf = renderer.render(TestCertificates.ccxp(NAME));

        try (PDDocument document = PdfReading.load(pdf)) {
            var resources = document.getPage(0).getResources();
            long forms = java.util.stream.StreamSupport.stream(resources.getXObjectNames().spliterator(), false)
                .filter(name -> {
                    try {
                        return resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
                    }
                    catch (IOException ex) {
                        throw new AssertionError(ex);
                    }
                })
                .count();
            assertThat(forms).isEqualTo(2);
        }
        assertThat(Guilloche.requestedBy("<meta name=\"certificate-guilloche\" content=\"#e9dfc8\"/>"))
            .isEqualTo(new java.awt.Color(0xe9, 0xdf, 0xc8));
        assertThat(Guilloche.requestedBy("<title>no rosette</title>")).isNull();
    }

    @Test
    void conformsToPdfA3b() {
        assertThat(PdfA.violationsOf3b(renderer.render(TestCertificates.ccxp(NAME)))).isEmpty();
        assertThat(PdfA.violationsOf3b(renderer.render(TestCertificates.cxsp("Ελένη Παπαδοπούλου")))).isEmpty();
        assertThat(PdfA.violationsOf3b(renderer.render(TestCertificates.ccxp(NAME).in(Locale.FRENCH)))).isEmpty();
    }

    @Test
    void qpdfFindsNothingToWarnAbout(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("qpdf"), "qpdf is not installed (Debian package qpdf; .ci/run installs it)");
        Path pdf = dir.resolve("certificate.pdf");
        Files.write(pdf, renderer.render(TestCertificates.ccxp(NAME)));
        Process qpdf = new ProcessBuilder("qpdf", "--check", pdf.toString()).redirectErrorStream(true).start();
        String report = new String(qpdf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(qpdf.waitFor()).as(report).isZero();
        assertThat(report).doesNotContainIgnoringCase("warning").contains("No syntax or stream encoding errors");
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    @Test
    void theCertificateIsTaggedForScreenReadersAsPdfUa1() {
        assertThat(PdfA.violationsOfUa1(renderer.render(TestCertificates.ccxp(NAME)))).isEmpty();
        assertThat(PdfA.violationsOfUa1(renderer.render(TestCertificates.cxsp("Ελένη Παπαδοπούλου")))).isEmpty();
        assertThat(PdfA.violationsOfUa1(renderer.render(TestCertificates.ccxp(NAME).in(Locale.FRENCH)))).isEmpty();
    }

    @Test
    void theSameCredentialAlwaysRendersTheSameBytesDatedByTheCredential() throws Exception {
        CertificateDocument certificate = TestCertificates.ccxp(NAME);

        byte[] first = renderer.render(certificate);
        byte[] again = new CertificatePdfRenderer().render(certificate);

        assertThat(again).isEqualTo(first);
        byte[] french = renderer.render(certificate.in(Locale.FRENCH));
        assertThat(new CertificatePdfRenderer().render(certificate.in(Locale.FRENCH))).isEqualTo(french).isNotEqualTo(first);
        try (PDDocument document = PdfReading.load(first)) {
            Calendar created = document.getDocumentInformation().getCreationDate();
            assertThat(created.toInstant()).isEqualTo(TestCertificates.VALID_FROM.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            assertThat(document.getDocumentInformation().getModificationDate().toInstant()).isEqualTo(created.toInstant());
        }
    }

    @Test
    void anotherCredentialVersionRendersOtherBytes() {
        CertificateDocument certificate = TestCertificates.ccxp(NAME);
        CertificateDocument renewed = new CertificateDocument(certificate.template(), certificate.holderName(),
                certificate.programName(), certificate.programCode(), certificate.awardingBody(),
                certificate.certificateNumber(), certificate.awardedOn(), certificate.validFrom().plusYears(2),
                certificate.validUntil().plusYears(2), certificate.verificationUrl(), TestCertificates.credential("renewed"));

        assertThat(renderer.render(renewed)).isNotEqualTo(renderer.render(certificate));
    }
}
