package org.certregistry.web.verification.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;
import org.certregistry.verifier.CredentialSummary;
import org.certregistry.verifier.Verdict;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.web.i18n.Languages;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.ui.ConcurrentModel;
import org.springframework.web.reactive.function.BodyInserters;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;

/**
 * The verification page words every verdict and every check's outcome in every offered language: no message key
 * ({@code ??verdict.LAPSED_fr??}) and no code word reaches the reader.
 */
class VerificationResultWordsTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    ISpringWebFluxTemplateEngine templates;

    @Autowired
    Languages languages;

    @Autowired
    Messages messages;

    @Test
    void everyVerdictWithEveryCheckOutcomeIsShownInWordsInEveryLanguage() {
        assertThat(languages.offered()).extracting(Locale::toLanguageTag).contains("en", "fr", "de", "es");
        Instant now = Instant.now();
        CredentialSummary credential = new CredentialSummary("urn:uuid:1", "https://issuer.example", "Issuer", "Zoë Ångström",
                "Customer Experience Professional", "CCXP-7K3-M9Q-XT4", now, now, now.plusSeconds(86_400));
        for (Verdict verdict : Verdict.values()) {
            VerificationReport report = new VerificationReport(verdict, everyCheckAndOutcome(), Optional.of(credential), now);
            for (Locale language : languages.offered()) {
                ConcurrentModel model = new ConcurrentModel();
                VerifyPageController.show(model, report, "certificate.pdf");
                String page = templates.process("verify", new Context(language, model.asMap()));
                assertThat(page).as("%s in %s", verdict, language)
                    .doesNotContain("??")
                    .contains("verdict-" + verdict.name().toLowerCase(Locale.ROOT))
                    .contains(">" + messages.in(language, "verdict." + verdict.name()) + "<");
            }
        }
    }

    @Test
    void aLapsedCertificatePastedOnThePageIsCalledLapsedInEveryLanguage() {
        // CCXP: two years, then 90 days of grace
        String number = new AdminApi(http).issue("CCXP", "Lara Lapsed", LocalDate.now(ZoneOffset.UTC).minusYears(2).minusDays(100));
        String credential = http.get().uri("/api/v1/certificates/{n}/credential", number).accept(MediaType.parseMediaType("application/jwt"))
            .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        for (Locale language : languages.offered()) {
            EntityExchangeResult<String> form = http.get().uri("/verify").cookie("lang", language.toLanguageTag())
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult();
            MultipartBodyBuilder parts = new MultipartBodyBuilder();
            parts.part("_csrf", ConsoleSession.csrfToken(form.getResponseBody()));
            parts.part("credential", credential);
            String page = http.post().uri("/verify").cookie("lang", language.toLanguageTag())
                .cookie(ConsoleSession.CSRF_COOKIE, form.getResponseCookies().getFirst(ConsoleSession.CSRF_COOKIE).getValue())
                .accept(MediaType.TEXT_HTML).body(BodyInserters.fromMultipartData(parts.build()))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(page).as("in %s", language).doesNotContain("??")
                .contains("verdict-lapsed", ">" + messages.in(language, "verdict.LAPSED") + "<", ">" + messages.in(language, "icon.LAPSED") + "<");
        }
    }

    /** Every check, its outcome going round all four, so that each outcome meets the page at least once. */
    private static List<CheckResult> everyCheckAndOutcome() {
        List<CheckResult> checks = new ArrayList<>();
        for (CheckName name : CheckName.values()) {
            switch (name.ordinal() % 4) {
                case 0 -> checks.add(CheckResult.passed(name, "fine"));
                case 1 -> checks.add(CheckResult.failed(name, "not fine"));
                case 2 -> checks.add(CheckResult.unavailable(name, "could not ask"));
                default -> checks.add(CheckResult.skipped(name, "not asked"));
            }
        }
        return checks;
    }
}
