package org.certregistry.web.verification;

import java.util.stream.Stream;

import org.certregistry.issuer.number.CertificateNumber;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading an employer's CSV: a header line is skipped, a real first row never is. */
class BatchCsvTest {

    @Test
    void aFirstRowWhoseNumberHasNoDigitIsARowNotAHeader() {
        // about one number in thirteen is all letters
        String letters = Stream.generate(() -> CertificateNumber.random("CXSP"))
            .filter(n -> n.payload().chars().noneMatch(Character::isDigit)).findFirst().orElseThrow().value();

        assertThat(BatchCsv.parse(letters + "\n")).extracting(r -> ((BatchInput.Number) r).number()).containsExactly(letters);
        assertThat(BatchCsv.parse("number,name\n" + letters + ",Ann Lee\n")).extracting(r -> ((BatchInput.Number) r).number())
            .containsExactly(letters);
    }

    @Test
    void usualHeadersAreSkipped() {
        for (String header : new String[] { "number", "Certificate number", "certificate_number", "Certificate No.", "licence" }) {
            assertThat(BatchCsv.isHeader(header)).as(header).isTrue();
        }
        assertThat(BatchCsv.isHeader("CCXP-7K3-M9Q-XT4")).isFalse();
    }
}
