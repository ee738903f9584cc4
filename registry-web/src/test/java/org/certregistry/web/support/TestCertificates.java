package org.certregistry.web.support;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The one fixture that issues (and revokes) certificates for tests, through the real admin API
 * as an admin would: {@code TestCertificates.issuing(http).program("CXSP").name("Ada").unlisted().issue()},
 * or the shortcuts for the common cases. Each issuance goes to an address of its own unless told
 * otherwise, since the registry refuses a second active certificate of a program to one address
 * (409) unless the issuance says it is intended ({@link Builder#duplicateIntended()}).
 */
public final class TestCertificates {

    private TestCertificates() {
    }

    /** What the admin API answers to an issuance, as much as tests need. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Issued(String number, String holderUrl, String verificationUrl, String credential) {
    }

    /** An issuance to describe: CCXP, a made-up listed holder, awarded today, unless told otherwise. */
    public static Builder issuing(WebTestClient http) {
        return new Builder(http);
    }

    public static Issued issue(WebTestClient http, String program, String name) {
        return issuing(http).program(program).name(name).issue();
    }

    public static Issued issue(WebTestClient http, String program, String name, boolean listed, LocalDate awardedOn) {
        return issuing(http).program(program).name(name).listed(listed).awardedOn(awardedOn).issue();
    }

    public static void revoke(WebTestClient http, String number) {
        revoke(http, number, "Exam misconduct");
    }

    public static void revoke(WebTestClient http, String number, String reason) {
        http.post().uri("/api/v1/admin/certificates/{n}/revoke", number)
            .headers(h -> h.setBasicAuth(RegistryIntegrationTest.ADMIN, RegistryIntegrationTest.ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("reason", reason))
            .exchange()
            .expectStatus().isOk();
    }

    /** A made-up surname no other test uses, so that name searches find only this test's holders. */
    public static String uniqueSurname() {
        StringBuilder s = new StringBuilder("Qu");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 7; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    /** One issuance, described field by field. */
    public static final class Builder {

        private final WebTestClient http;
        private String program = "CCXP";
        private String name = "Test Holder " + uniqueSurname();
        private String email = "holder." + uniqueSurname().toLowerCase(java.util.Locale.ROOT) + "@example.org";
        private boolean listed = true;
        private LocalDate awardedOn;
        private String language;
        private boolean duplicateIntended;

        private Builder(WebTestClient http) {
            this.http = http;
        }

        public Builder program(String program) {
            this.program = program;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder listed(boolean listed) {
            this.listed = listed;
            return this;
        }

        public Builder unlisted() {
            return listed(false);
        }

        public Builder awardedOn(LocalDate awardedOn) {
            this.awardedOn = awardedOn;
            return this;
        }

        /** The holder's language (the issuance API's optional {@code language}: fr, es, de, ...). */
        public Builder language(String language) {
            this.language = language;
            return this;
        }

        /** A second active certificate of the program to the same address, on purpose ({@code "duplicate": "intended"}). */
        public Builder duplicateIntended() {
            this.duplicateIntended = true;
            return this;
        }

        /** Issues it; the test fails unless the registry answers 201. */
        public Issued issue() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("program", program);
            body.put("holder", Map.of("name", name, "email", email));
            body.put("listed", listed);
            if (awardedOn != null) {
                body.put("awardedOn", awardedOn.toString());
            }
            if (language != null) {
                body.put("language", language);
            }
            if (duplicateIntended) {
                body.put("duplicate", "intended");
            }
            return http.post().uri("/api/v1/admin/certificates")
                .headers(h -> h.setBasicAuth(RegistryIntegrationTest.ADMIN, RegistryIntegrationTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Issued.class).returnResult().getResponseBody();
        }
    }
}
