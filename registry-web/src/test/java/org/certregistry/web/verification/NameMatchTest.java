package org.certregistry.web.verification;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameMatchTest {

    @Test
    void aNameInAnotherScriptWithoutAccentsInAnyOrderMatches() {
        assertThat(NameMatch.of("Svetlana Ivanova", "Светлана Иванова")).isEqualTo(NameMatch.MATCH);
        assertThat(NameMatch.of("Светлана Иванова", "Svetlana Ivanova")).isEqualTo(NameMatch.MATCH);
        assertThat(NameMatch.of("papadopoulos andreas", "Ανδρέας Παπαδόπουλος")).isEqualTo(NameMatch.MATCH);
        assertThat(NameMatch.of("ZOE ANGSTROM", "Zoë Maria Ångström")).as("a middle name left out").isEqualTo(NameMatch.MATCH);
    }

    @Test
    void aFirstNameAloneAnotherNameOrAnExtraWordDoesNotMatch() {
        assertThat(NameMatch.of("Zoë", "Zoë Ångström")).isEqualTo(NameMatch.DOES_NOT_MATCH);
        assertThat(NameMatch.of("Zoe Angstrem", "Zoë Ångström")).isEqualTo(NameMatch.DOES_NOT_MATCH);
        assertThat(NameMatch.of("Zoe Anna Angstrom", "Zoë Ångström")).isEqualTo(NameMatch.DOES_NOT_MATCH);
    }

    @Test
    void aOneWordNameNeedsOnlyThatWordAndNoNameIsNotGiven() {
        assertThat(NameMatch.of("madonna", "Madonna")).isEqualTo(NameMatch.MATCH);
        assertThat(NameMatch.of("  ", "Madonna")).isEqualTo(NameMatch.NOT_GIVEN);
        assertThat(NameMatch.of(null, "Madonna")).isEqualTo(NameMatch.NOT_GIVEN);
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAreMadeText() {
        assertThat(BatchCsv.safe("=1+2")).isEqualTo("'=1+2");
        assertThat(BatchCsv.safe("+33 1")).isEqualTo("'+33 1");
        assertThat(BatchCsv.safe("-2")).isEqualTo("'-2");
        assertThat(BatchCsv.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(BatchCsv.safe("\tx")).isEqualTo("'\tx");
        assertThat(BatchCsv.safe("Zoë Ångström")).isEqualTo("Zoë Ångström");
    }
}
