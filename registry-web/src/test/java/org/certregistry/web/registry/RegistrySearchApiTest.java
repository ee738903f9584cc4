package org.certregistry.web.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/registry} over real HTTP against the real PostgreSQL. */
class RegistrySearchApiTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @SuppressWarnings("unchecked")
    private Map<String, Object> search(String query) {
        return http.get().uri(query).exchange().expectStatus().isOk()
            .expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("results")).stream().map(r -> (String) r.get("holderName")).toList();
    }

    @Test
    void aNameIsFoundWithoutAccentsInAnyCaseWithATypoAndClosestFirst() {
        String surname = TestCertificates.uniqueSurname();
        TestCertificates.issue(http, "CCXP", "Zoë Ångström-" + surname);
        TestCertificates.issue(http, "CXSP", "Zacharias Ångströmberg-" + surname);

        assertThat(names(search("/api/v1/registry?q=zoe angstrom-" + surname.toUpperCase()))).containsExactly(
                "Zoë Ångström-" + surname);
        // the exact word ranks above the longer one that starts with it
        assertThat(names(search("/api/v1/registry?q=angstrom " + surname))).containsExactly("Zoë Ångström-" + surname,
                "Zacharias Ångströmberg-" + surname);
        // one letter of the made-up surname dropped, and one of Ångström changed: both still found
        String typo = surname.substring(0, 4) + surname.substring(5);
        assertThat(names(search("/api/v1/registry?q=angstrpm " + typo))).containsExactlyInAnyOrder(
                "Zoë Ångström-" + surname, "Zacharias Ångströmberg-" + surname);
        // filters narrow it down
        assertThat(names(search("/api/v1/registry?q=" + surname + "&program=CXSP"))).containsExactly(
                "Zacharias Ångströmberg-" + surname);
        assertThat(names(search("/api/v1/registry?q=" + surname + "&status=REVOKED"))).isEmpty();
    }

    @Test
    void resultsShowNameProgramStatusAndWindowButNeverAnEmailAddress() {
        String surname = TestCertificates.uniqueSurname();
        TestCertificates.issue(http, "CCXP", "Mia " + surname);
        String json = http.get().uri("/api/v1/registry?q=" + surname).exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(json).contains("\"holderName\":\"Mia " + surname + "\"", "\"status\":\"VALID\"", "\"validFrom\"",
                "\"validUntil\"", "\"code\":\"CCXP\"", "\"total\":1");
        assertThat(json).doesNotContain("example.org", "email", "holderUrl", "/h/");
    }

    @Test
    void anUnlistedHolderIsFoundByExactNumberOnly() {
        String surname = TestCertificates.uniqueSurname();
        Issued issued = TestCertificates.issue(http, "CCXP", "Hidden " + surname, false, null);
        assertThat(names(search("/api/v1/registry?q=hidden " + surname))).isEmpty();
        assertThat(names(search("/api/v1/registry?q=" + issued.number().toLowerCase()))).containsExactly("Hidden " + surname);
    }

    @Test
    void aNumberWithOneWrongCharacterIsCaughtByItsCheckCharacter() {
        Issued issued = TestCertificates.issue(http, "CCXP", "Typo " + TestCertificates.uniqueSurname());
        String number = issued.number();
        char wrong = number.charAt(5) == '7' ? '8' : '7';
        String typo = number.substring(0, 5) + wrong + number.substring(6);
        Map<String, Object> page = search("/api/v1/registry?q=" + typo);
        assertThat(page.get("total")).isEqualTo(0);
        assertThat((String) page.get("hint")).contains("one character", "mistyped");
    }

    @Test
    void pagesCarryTheTotalAndTheNumberOfPages() {
        String surname = TestCertificates.uniqueSurname();
        for (int i = 0; i < 3; i++) {
            TestCertificates.issue(http, "CXSP", "Page" + i + " " + surname);
        }
        Map<String, Object> first = search("/api/v1/registry?q=" + surname + "&size=2");
        Map<String, Object> second = search("/api/v1/registry?q=" + surname + "&size=2&page=1");
        assertThat(first).containsEntry("total", 3).containsEntry("pages", 2);
        assertThat(names(first)).hasSize(2);
        assertThat(names(second)).hasSize(1).doesNotContainAnyElementsOf(names(first));
    }

    @Test
    void anExpiredCertificateIsFoundWithTheExpiredFilter() {
        String surname = TestCertificates.uniqueSurname();
        // expired, still inside the 90-day grace period (past it, it is LAPSED)
        TestCertificates.issue(http, "CCXP", "Old " + surname, true, LocalDate.now().minusYears(2).minusDays(30));
        assertThat(names(search("/api/v1/registry?q=" + surname + "&status=expired"))).containsExactly("Old " + surname);
        assertThat(names(search("/api/v1/registry?q=" + surname + "&status=VALID"))).isEmpty();
    }

    @Test
    void aQueryWithoutLettersAsksForAName() {
        Map<String, Object> page = search("/api/v1/registry?q=-- ''");
        assertThat(page.get("total")).isEqualTo(0);
        assertThat((String) page.get("hint")).contains("letters of a name");
    }

    @Test
    void aPagePastTheCountedMatchesIsABadRequest() {
        http.get().uri("/api/v1/registry?q=anyone&size=100&page=10").exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("page");
    }
}
