package org.certregistry.web.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's live progress: server-sent events that follow a cohort's issuance to its end. */
class CohortProgressTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void theProgressStreamCountsUpAndEndsWithTheWholeCohortIssued() {
        StringBuilder csv = new StringBuilder("program,name,email,awarded_on,listed\n");
        for (int i = 0; i < 2_500; i++) {
            csv.append("CXSP,Streamed Holder ").append(i).append(",streamed").append(i).append("@example.org,2026-02-01,no\n");
        }
        Object id = http.post().uri("/api/v1/admin/cohorts").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv.toString()).exchange()
            .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        http.post().uri("/api/v1/admin/cohorts/{id}/issue", id).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .exchange().expectStatus().isAccepted();

        List<ServerSentEvent<Map<String, Object>>> events = http.mutate().responseTimeout(Duration.ofSeconds(180)).build()
            .get().uri("/admin/cohorts/{id}/progress", id).cookie(ConsoleSession.COOKIE, session)
            .accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
            })
            .getResponseBody().filter(e -> e.data() != null).collectList().block(Duration.ofSeconds(180)); // a generous bound on a loaded machine, not a speed check

        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.event()).isEqualTo("progress"));
        List<Integer> issued = events.stream().map(e -> (Integer) e.data().get("issued")).toList();
        assertThat(issued).isSorted();
        Map<String, Object> last = events.get(events.size() - 1).data();
        assertThat(last.get("stage")).isEqualTo("DONE");
        assertThat(last.get("issued")).isEqualTo(2_500);
        assertThat(last.get("total")).isEqualTo(2_500);
        assertThat(last.get("millis")).isNotNull();
    }
}
