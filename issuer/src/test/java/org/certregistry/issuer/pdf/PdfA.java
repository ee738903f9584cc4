package org.certregistry.issuer.pdf;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** veraPDF, the PDF Association's reference validator, judging PDF/A-3b conformance. */
final class PdfA {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfA() {
    }

    /** The PDF/A-3b rules the document breaks, each as "clause: message" (empty when it conforms). */
    static List<String> violationsOf3b(byte[] pdf) {
        return violations(pdf, PDFAFlavour.PDFA_3_B);
    }

    /** The PDF/UA-1 (accessibility) rules the document breaks (empty when it conforms). */
    static List<String> violationsOfUa1(byte[] pdf) {
        return violations(pdf, PDFAFlavour.PDFUA_1);
    }

    private static List<String> violations(byte[] pdf, PDFAFlavour flavour) {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour);
                PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
            ValidationResult result = validator.validate(parser);
            List<String> failed = result.getTestAssertions().stream()
                .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                .distinct()
                .toList();
            if (failed.isEmpty() && !result.isCompliant()) {
                return List.of("not compliant, with no failed rule reported");
            }
            return failed;
        }
        catch (Exception ex) {
            throw new AssertionError("veraPDF could not validate the document", ex);
        }
    }
}
