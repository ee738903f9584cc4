package org.certregistry.web.admin;

import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Cohort CSVs through the admin API: every bad row reported, nothing issued unless chosen, the result file. */
class CohortUploadTest extends RegistryIntegrationTest {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @Autowired
    WebTestClient http;

    @Autowired
    CertificateRepository certificates;

    @Autowired
    DatabaseClient db;

    long count() {
        return certificates.count().block(Duration.ofSeconds(10));
    }

    Map<?, ?> upload(String csv) {
        return http.post().uri("/api/v1/admin/cohorts?fileName=exam.csv").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(CSV).bodyValue(csv).exchange()
            .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    WebTestClient.ResponseSpec issue(Object id, boolean goodRowsOnly) {
        return http.post().uri("/api/v1/admin/cohorts/{id}/issue?goodRowsOnly=" + goodRowsOnly, id)
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange();
    }

    Map<?, ?> awaitDone(Object id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Map<?, ?> report = http.get().uri("/api/v1/admin/cohorts/{id}", id).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            Map<?, ?> progress = (Map<?, ?>) report.get("progress");
            if (!"ISSUING".equals(progress.get("stage"))) {
                return progress;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("cohort " + id + " did not finish in a minute");
    }

    List<CSVRecord> result(Object id) throws Exception {
        String csv = http.get().uri("/api/v1/admin/cohorts/{id}/result.csv", id).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(CSV)
            .expectBody(String.class).returnResult().getResponseBody();
        // the file starts with a byte order mark, for spreadsheets (CohortResultCsvTest)
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(new StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv)).getRecords();
    }

    @Test
    void aFileWithBadRowsReportsEachByLineAndIssuesNothingUntilTheAdminChoosesTheGoodRows() throws Exception {
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        String csv = "\uFEFFprogram,name,email,awarded_on,listed\n"
                + "CCXP,Ada Lovelace,ada@example.org,2025-01-15,yes\n"        // line 2: good
                + "CCXZ,Bad Program,bp@example.org,2025-01-15,yes\n"          // 3: unknown program
                + "CXSP,\"Brontë, Charlotte\",charlotte@example.org,,no\n"      // 4: good (quoted comma, no date)
                + "CCXP,,not-an-email,2025-13-01,maybe\n"                     // 5: four problems
                + "CCXP,Ada Again,ADA@example.org,2025-02-01,yes\n"           // 6: duplicate of line 2
                + "CCXP,Future Person,future@example.org," + tomorrow + ",\n" // 7: future date
                + "CCXP,Too,Few\n";                                            // 8: wrong column count
        long before = count();
        Map<?, ?> report = upload(csv);
        assertThat(report.get("goodRows")).isEqualTo(2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> bad = (List<Map<String, Object>>) report.get("badRows");
        assertThat(bad).extracting(b -> b.get("line")).containsExactly(3, 5, 6, 7, 8);
        assertThat(bad.get(0).get("reason").toString()).contains("unknown program 'CCXZ'");
        assertThat(bad.get(1).get("reason").toString()).contains("awarded_on '2025-13-01' is not a date",
                "listed 'maybe' is not yes or no", "name: is required", "email 'not-an-email': is not an e-mail address");
        assertThat(bad.get(2).get("reason").toString()).isEqualTo("same e-mail and program as line 2");
        assertThat(bad.get(3).get("reason").toString()).contains("awarded_on: cannot be in the future");
        assertThat(bad.get(4).get("reason").toString()).contains("has 3 columns, the header has 5");

        issue(report.get("id"), false).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("has 5 bad rows"));
        assertThat(count()).isEqualTo(before);

        issue(report.get("id"), true).expectStatus().isAccepted();
        Map<?, ?> progress = awaitDone(report.get("id"));
        assertThat(progress.get("stage")).isEqualTo("DONE");
        assertThat(progress.get("issued")).isEqualTo(2);
        assertThat(count()).isEqualTo(before + 2);

        List<CSVRecord> rows = result(report.get("id"));
        assertThat(rows).extracting(r -> r.get("line") + ":" + r.get("outcome"))
            .containsExactly("2:issued", "4:issued", "3:rejected", "5:rejected", "6:rejected", "7:rejected", "8:rejected");
        CSVRecord charlotte = rows.get(1);
        assertThat(charlotte.get("name")).isEqualTo("Brontë, Charlotte");
        assertThat(charlotte.get("holder_link")).startsWith(BASE_URL + "/h/");
        // the holder link works, and the certificate is unlisted as the file said
        http.get().uri(charlotte.get("holder_link")).exchange().expectStatus().isOk();
        http.get().uri("/api/v1/certificates/{n}", charlotte.get("number")).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.holderName").isEqualTo("Brontë, Charlotte");
        Boolean listed = db.sql("SELECT listed FROM certificate WHERE number = :n").bind("n", charlotte.get("number"))
            .map(r -> r.get(0, Boolean.class)).one().block();
        assertThat(listed).isFalse();
    }

    @Test
    void aCleanFileOfManyRowsIssuesEveryRowWithDistinctNumbersAndStatusIndexes() throws Exception {
        StringBuilder csv = new StringBuilder("Program,Name,E-mail,Awarded date,Listed\n");
        for (int i = 0; i < 1_234; i++) {
            csv.append(i % 3 == 0 ? "CXSP" : "CCXP").append(",Cohort Member ").append(i).append(",member").append(i)
                .append("@example.org,2026-01-10,yes\n");
        }
        long before = count();
        Map<?, ?> report = upload(csv.toString());
        assertThat(report.get("badRows")).asList().isEmpty();
        issue(report.get("id"), false).expectStatus().isAccepted();
        Map<?, ?> progress = awaitDone(report.get("id"));
        assertThat(progress.get("stage")).isEqualTo("DONE");
        assertThat(progress.get("issued")).isEqualTo(1_234);
        assertThat(count()).isEqualTo(before + 1_234);
        List<CSVRecord> rows = result(report.get("id"));
        Set<String> numbers = rows.stream().map(r -> r.get("number")).collect(Collectors.toSet());
        assertThat(numbers).hasSize(1_234);
        long events = db.sql("SELECT count(*) FROM certificate_event e JOIN certificate c ON c.id = e.certificate_id "
                + "WHERE c.holder_email LIKE 'member%@example.org' AND e.action = 'ISSUED'").map(r -> r.get(0, Long.class))
            .one().block();
        long credentials = db.sql("SELECT count(*) FROM credential_version v JOIN certificate c ON c.id = v.certificate_id "
                + "WHERE c.holder_email LIKE 'member%@example.org'").map(r -> r.get(0, Long.class)).one().block();
        assertThat(events).isEqualTo(1_234);
        assertThat(credentials).isEqualTo(1_234);
        // issuing twice does nothing the second time
        issue(report.get("id"), false).expectStatus().isAccepted();
        assertThat(count()).isEqualTo(before + 1_234);
        // one row verifies as a real credential
        String number = rows.get(500).get("number");
        http.get().uri("/api/v1/certificates/{n}", number).exchange().expectBody().jsonPath("$.status").isEqualTo("VALID");

        // the twins are signed after the cohort: every one stored soon after, and one asked for before is the same bytes
        awaitNoTwinMissing("member%@example.org");
        String holder = rows.get(7).get("holder_link");
        String stored = twin(holder);
        // a version's twin is written once (V93's trigger): the test forgets one with the triggers off, in one session
        db.sql("SET session_replication_role = replica; UPDATE credential_version v SET data_integrity = NULL "
                + "FROM certificate c WHERE c.id = v.certificate_id AND c.number = '" + rows.get(7).get("number") + "'; "
                + "SET session_replication_role = origin").then().block(Duration.ofSeconds(10));
        assertThat(missingTwins("member%@example.org")).isOne();
        assertThat(twin(holder)).as("signed on request").isEqualTo(stored);
        assertThat(missingTwins("member%@example.org")).as("and kept").isZero();
        assertThat(stored).contains(rows.get(7).get("number")).contains("\"cryptosuite\":\"eddsa-rdfc-2022\"");
    }

    String twin(String holderLink) {
        return http.get().uri(holderLink + "/credential.json").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
    }

    long missingTwins(String emails) {
        return db.sql("SELECT count(*) FROM credential_version v JOIN certificate c ON c.id = v.certificate_id "
                + "WHERE c.holder_email LIKE :emails AND v.data_integrity IS NULL").bind("emails", emails)
            .map(r -> r.get(0, Long.class)).one().block(Duration.ofSeconds(10));
    }

    void awaitNoTwinMissing(String emails) throws InterruptedException {
        for (int i = 0; i < 1200 && missingTwins(emails) > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(missingTwins(emails)).as("twins still missing after two minutes").isZero();
    }
}
