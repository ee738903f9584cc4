package org.certregistry.web.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.i18n.Languages;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.Stylesheet;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** The bulk results show each row's state in words, with its mark and in its own colour, in every language. */
class BatchPageStatesTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    Languages languages;

    @Autowired
    Messages messages;

    @Test
    void eachRowsVerdictCarriesItsStateInWordsMarkAndColour() {
        AdminApi admin = new AdminApi(http);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, BatchOutcome> rows = new LinkedHashMap<>();
        rows.put(admin.issue("CCXP", "Vera Batch", today.minusDays(10)), BatchOutcome.VALID);
        rows.put(admin.issue("CCXP", "Eddie Batch", today.minusYears(2).minusDays(10)), BatchOutcome.EXPIRED);
        rows.put(admin.issue("CCXP", "Lana Batch", today.minusYears(2).minusDays(100)), BatchOutcome.LAPSED);
        String revoked = admin.issue("CCXP", "Rex Batch", today.minusDays(10));
        TestCertificates.revoke(http, revoked);
        rows.put(revoked, BatchOutcome.REVOKED);
        String suspended = admin.issue("CCXP", "Sue Batch", today.minusDays(10));
        admin.act(suspended, "suspend", "paperwork", null).expectStatus().isOk();
        rows.put(suspended, BatchOutcome.SUSPENDED);
        rows.put(CertificateNumber.random("CCXP").value(), BatchOutcome.NOT_FOUND);
        String csv = String.join("\n", rows.keySet()) + "\n";

        for (Locale language : languages.offered()) {
            EntityExchangeResult<String> form = http.get().uri("/verify/batch").cookie("lang", language.toLanguageTag())
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult();
            MultipartBodyBuilder parts = new MultipartBodyBuilder();
            parts.part("_csrf", ConsoleSession.csrfToken(form.getResponseBody()));
            parts.part("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
                @Override
                public String getFilename() {
                    return "candidates.csv";
                }
            });
            String page = http.post().uri("/verify/batch").cookie("lang", language.toLanguageTag())
                .cookie(ConsoleSession.CSRF_COOKIE, form.getResponseCookies().getFirst(ConsoleSession.CSRF_COOKIE).getValue())
                .accept(MediaType.TEXT_HTML).body(BodyInserters.fromMultipartData(parts.build())).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(page).as("in %s", language).doesNotContain("??");
            rows.forEach((number, outcome) -> assertThat(page).as("%s in %s", outcome, language).containsPattern(
                    "(?s)<tr class=\"batch-" + outcome.name().toLowerCase(Locale.ROOT) + "\">.*?" + number
                            + ".*?<td class=\"verdict-cell\"><span class=\"state state-" + outcome.name().toLowerCase(Locale.ROOT)
                            + "\"><svg class=\"mark\".*?</svg>" + messages.in(language, "batch.outcome." + outcome.name()) + "</span>"));
        }
    }

    @Test
    void everyBatchOutcomeHasItsOwnColour() {
        Stylesheet css = new Stylesheet(http.get().uri("/css/registry.css").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody());
        for (BatchOutcome outcome : BatchOutcome.values()) {
            assertThat(css.colours(".state-" + outcome.name().toLowerCase(Locale.ROOT))).as(outcome.name()).isTrue();
        }
    }
}
