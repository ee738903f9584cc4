package org.certregistry.web;

import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Repeated failed logins over real HTTP: the user name is locked out from this client for a while, others are not. */
class LoginThrottlingTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    WebTestClient.ResponseSpec read(String user, String password) {
        return http.get().uri("/api/v1/admin/certificates?size=1").headers(h -> h.setBasicAuth(user, password)).exchange();
    }

    @Test
    void afterRepeatedFailuresEvenTheRightPasswordWaitsButOtherAccountsDoNot() throws Exception {
        for (int i = 0; i < 4; i++) {
            read(AUDITOR, "guess-" + i).expectStatus().isUnauthorized();
        }
        read(AUDITOR, AUDITOR_PASSWORD).expectStatus().isEqualTo(429)
            .expectHeader().valueEquals("Retry-After", "1")
            .expectBody().jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d)
                .contains("Too many failed logins"));
        read(ADMIN, ADMIN_PASSWORD).expectStatus().isOk();
        Thread.sleep(1_100);
        read(AUDITOR, AUDITOR_PASSWORD).expectStatus().isOk();
        // the success forgot the failures: one more wrong guess is free again
        read(AUDITOR, "one more guess").expectStatus().isUnauthorized();
        read(AUDITOR, AUDITOR_PASSWORD).expectStatus().isOk();
    }
}
