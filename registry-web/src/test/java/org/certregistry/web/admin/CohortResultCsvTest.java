package org.certregistry.web.admin;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cohort as its admin reads it: each bad row by its line, the person it names and the value that is wrong; the
 * result file starts with a UTF-8 byte order mark, so that a spreadsheet shows "Amélie" and not "AmÃ©lie".
 */
class CohortResultCsvTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void aBadRowNamesItsLineThePersonAndTheWrongValue() {
        String surname = TestCertificates.uniqueSurname();
        String id = upload("program,name,email,awarded_on,listed\n"
                + "CCXP,Amélie " + surname + ",amelie." + surname.toLowerCase() + "@example.org,,yes\n"
                + "CCXP,Bruno " + surname + ",bruno@@example,2025-02-30,yes\n");
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        String page = ConsoleWordsTest.visibleText(ConsoleSession.page(http, session, "/admin/cohorts/" + id + "?lang=en").html());
        assertThat(page).contains("3 Bruno " + surname + " bruno@@example",
                "awarded_on '2025-02-30' is not a date (YYYY-MM-DD)", "email 'bruno@@example': is not an e-mail address");
    }

    @Test
    void theResultFileStartsWithAByteOrderMarkAndReadsBackInUtf8() throws Exception {
        String surname = TestCertificates.uniqueSurname();
        String id = upload("program,name,email,awarded_on,listed\n"
                + "CXSP,Amélie Ødegård " + surname + ",amelie." + surname.toLowerCase() + "@example.org,,no\n"
                + "CXSP,Zoë " + surname + ",not-an-address,,no\n");
        http.post().uri("/api/v1/admin/cohorts/{id}/issue?goodRowsOnly=true", id).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .exchange().expectStatus().isAccepted();
        awaitDone(id);

        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        byte[] file = http.get().uri("/admin/cohorts/{id}/result.csv", id).cookie(ConsoleSession.COOKIE, session).exchange()
            .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
            .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(Arrays.copyOf(file, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(file, 3, file.length - 3, StandardCharsets.UTF_8);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(new StringReader(text)).getRecords();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("line")).isEqualTo("2");
        assertThat(rows.get(0).get("outcome")).isEqualTo("issued");
        assertThat(rows.get(0).get("name")).isEqualTo("Amélie Ødegård " + surname);
        assertThat(rows.get(1).get("outcome")).isEqualTo("rejected");
        assertThat(rows.get(1).get("name")).isEqualTo("Zoë " + surname);
        assertThat(rows.get(1).get("email")).isEqualTo("not-an-address");

        byte[] api = http.get().uri("/api/v1/admin/cohorts/{id}/result.csv", id).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(Arrays.copyOf(api, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    }

    private String upload(String csv) {
        Map<?, ?> uploaded = http.post().uri("/api/v1/admin/cohorts?fileName=result.csv").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv.getBytes(StandardCharsets.UTF_8)).exchange()
            .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return uploaded.get("id").toString();
    }

    private void awaitDone(String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Map<?, ?> cohort = http.get().uri("/api/v1/admin/cohorts/{id}", id).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            if ("DONE".equals(((Map<?, ?>) cohort.get("progress")).get("stage"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("cohort " + id + " did not finish in a minute");
    }
}
