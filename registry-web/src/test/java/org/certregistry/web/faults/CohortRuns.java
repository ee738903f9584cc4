package org.certregistry.web.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Cohorts driven through the admin API, and what of them the database holds. */
final class CohortRuns {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final WebTestClient http;
    private final FreezableDatabase database;

    CohortRuns(WebTestClient http, FreezableDatabase database) {
        this.http = http;
        this.database = database;
    }

    /** Uploads a clean cohort of {@code rows} holders named "{prefix} {i}" and starts issuing it; answers its id. */
    Object start(String namePrefix, int rows) {
        StringBuilder csv = new StringBuilder("program,name,email,awarded_on,listed\n");
        for (int i = 0; i < rows; i++) {
            csv.append("CCXP,").append(namePrefix).append(' ').append(i).append(',')
                .append(namePrefix.toLowerCase().replace(' ', '.')).append(i).append("@example.org,,no\n");
        }
        Map<?, ?> uploaded = http.post().uri("/api/v1/admin/cohorts?fileName=fault.csv").headers(CohortRuns::admin)
            .contentType(CSV).bodyValue(csv.toString()).exchange()
            .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        Object id = uploaded.get("id");
        http.post().uri("/api/v1/admin/cohorts/{id}/issue", id).headers(CohortRuns::admin).exchange().expectStatus().is2xxSuccessful();
        return id;
    }

    Map<?, ?> progress(Object id) {
        Map<?, ?> report = http.get().uri("/api/v1/admin/cohorts/{id}", id).headers(CohortRuns::admin).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (Map<?, ?>) report.get("progress");
    }

    /** While the database cannot answer, a cohort's progress cannot be read either: 503 with Retry-After, no hang. */
    void assertProgressUnavailable(Object id) {
        http.get().uri("/api/v1/admin/cohorts/{id}", id).headers(CohortRuns::admin).exchange()
            .expectStatus().isEqualTo(503).expectHeader().exists("Retry-After");
    }

    void awaitIssuedAtLeast(Object id, int issued) throws InterruptedException {
        Map<?, ?> progress = progress(id);
        while ((Integer) progress.get("issued") < issued) {
            assertThat(progress.get("stage")).isEqualTo("ISSUING");
            Thread.sleep(20);
            progress = progress(id);
        }
    }

    Map<?, ?> awaitFinished(Object id) throws InterruptedException {
        Map<?, ?> progress = progress(id);
        while ("ISSUING".equals(progress.get("stage"))) {
            Thread.sleep(100);
            progress = progress(id);
        }
        return progress;
    }

    /** How many certificates of a cohort are stored, after checking each has its first credential and its ISSUED event. */
    int storedWholly(String namePrefix) throws Exception {
        try (Connection db = database.connect(); Statement sql = db.createStatement()) {
            String of = "c.holder_name LIKE '" + namePrefix + " %'";
            ResultSet partial = sql.executeQuery("SELECT count(*) FROM certificate c WHERE " + of
                    + " AND (NOT EXISTS (SELECT 1 FROM credential_version v WHERE v.certificate_id = c.id AND v.version = 1)"
                    + " OR NOT EXISTS (SELECT 1 FROM certificate_event e WHERE e.certificate_id = c.id AND e.action = 'ISSUED'))");
            partial.next();
            assertThat(partial.getInt(1)).as("certificates without their credential or history").isZero();
            ResultSet all = sql.executeQuery("SELECT count(*) FROM certificate c WHERE " + of);
            all.next();
            return all.getInt(1);
        }
    }

    static void admin(HttpHeaders headers) {
        headers.setBasicAuth("admin", "registry-dev-admin");
    }
}
