package org.certregistry.web.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The one-command default: no database configured, so the embedded PostgreSQL starts, is
 * migrated, and is loaded with demo certificates in every state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"registry.embedded-database.directory=target/embedded-default-test/${random.uuid}", "spring.r2dbc.url="})
@AutoConfigureWebTestClient(timeout = "60s")
class EmbeddedDefaultTest {

    @Autowired
    WebTestClient http;

    @Test
    @SuppressWarnings("unchecked")
    void theEmbeddedDefaultStartsWithDemoCertificatesInEveryState() {
        for (String status : new String[] {"VALID", "EXPIRED", "SUSPENDED", "REVOKED"}) {
            Map<String, Object> page = http.get().uri("/api/v1/registry?status=" + status).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(((Number) page.get("total")).intValue()).as(status).isGreaterThan(0);
        }
        Map<String, Object> greek = http.get().uri("/api/v1/registry?q=Παπαδόπουλος").exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((java.util.List<Map<String, Object>>) greek.get("results"))
            .extracting(r -> r.get("holderName")).contains("Ανδρέας Παπαδόπουλος");
        Map<String, Object> expiring = http.get().uri("/api/v1/registry?q=Иванова").exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((java.util.List<Map<String, Object>>) expiring.get("results"))
            .extracting(r -> r.get("expiringSoon")).containsExactly(true);
    }
}
