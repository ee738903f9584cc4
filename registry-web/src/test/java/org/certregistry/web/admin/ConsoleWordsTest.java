package org.certregistry.web.admin;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console says everything in its reader's words: no page in English, French, German or Spanish shows a
 * message key ({@code ??key??}) or a code the registry stores (ACTIVE, VALID, CEUS_RECORDED, PENDING, a Java map
 * of CEUs); a history row is a sentence with the reader's dates; refused input is named by its label and the value
 * typed; the signed-in user is named once.
 */
class ConsoleWordsTest extends RegistryIntegrationTest {

    /** The codes of states, statuses, events, mail, submissions, cohorts, roles and tokens. */
    static final Pattern CODE_WORD = Pattern.compile("\\b(ACTIVE|SUSPENDED|REVOKED|VALID|EXPIRED|LAPSED|ISSUED|CEUS_RECORDED|"
            + "RENEWED|REINSTATED|LISTED|UNLISTED|PENDING|KEPT|SENT|FAILED|APPROVED|REJECTED|VALIDATED|ISSUING|DONE|ADMIN|"
            + "AUDITOR|SIGN_IN|EXPIRY_REMINDER|CEU_DECISION)\\b");

    static final List<String> LANGUAGES = List.of("en", "fr", "de", "es");

    @Autowired
    WebTestClient http;

    @Test
    void everyConsolePageInEveryLanguageShowsWordsNotCodesOrKeys() {
        AdminApi api = new AdminApi(http);
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(2).minusDays(20);
        String renewed = api.issue("CCXP", "Wanda Worte " + TestCertificates.uniqueSurname(), awarded);
        api.recordCeus(renewed, "speaking", "ceu", 10, awarded.plusMonths(2)).expectStatus().isCreated();
        api.recordCeus(renewed, "college-courses", "ceu", 10, awarded.plusMonths(3)).expectStatus().isCreated();
        api.act(renewed, "renew", null, null).expectStatus().isOk();
        String changed = api.issue("CXSP", "Walter Worte " + TestCertificates.uniqueSurname(), null);
        api.act(changed, "suspend", "Complaint", null).expectStatus().isOk();
        api.act(changed, "reinstate", "Dismissed", null).expectStatus().isOk();
        api.act(changed, "revoke", "Fraud", null).expectStatus().isOk();
        String cohort = http.post().uri("/api/v1/admin/cohorts?fileName=worte.csv").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.parseMediaType("text/csv"))
            .bodyValue("program,name,email,awarded_on,listed\nCCXP,Wim Worte,wim.worte@example.org,,no\nCCXQ,X,bad,,maybe\n")
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        Matcher mail = Pattern.compile("href=\"(/admin/mail/[0-9a-f-]{36})\"")
            .matcher(ConsoleSession.page(http, session, "/admin/mail").html());
        assertThat(mail.find()).isTrue();
        List<String> pages = List.of("/admin", "/admin/certificates", "/admin/certificates?status=valid", "/admin/certificates?status=revoked",
                "/admin/certificates/" + renewed, "/admin/certificates/" + changed, "/admin/certificates/new", "/admin/cohorts",
                "/admin/cohorts/" + cohort, "/admin/ceus", "/admin/renewals", "/admin/mail", "/admin/mail?status=kept", mail.group(1),
                "/admin/tokens", "/admin/verifications", "/admin/dev/mailbox");
        for (String language : LANGUAGES) {
            for (String page : pages) {
                String uri = page + (page.contains("?") ? "&" : "?") + "lang=" + language;
                String text = visibleText(ConsoleSession.page(http, session, uri).html());
                assertThat(text).as(uri).doesNotContain("??").doesNotContainPattern("\\w=\\d").doesNotContainPattern("\\(v\\d+\\)");
                List<String> codes = new ArrayList<>();
                for (Matcher code = CODE_WORD.matcher(text); code.find();) {
                    codes.add(around(text, code.start()));
                }
                assertThat(codes).as(uri + ": code words where words belong").isEmpty();
            }
        }
    }

    @Test
    void aHistoryRowIsASentenceWithTheReadersDateAndARenewalNamesItsCategories() {
        AdminApi api = new AdminApi(http);
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(2).minusDays(20);
        String number = api.issue("CCXP", "Hanna Historie " + TestCertificates.uniqueSurname(), awarded);
        api.recordCeus(number, "speaking", "ceu", 10, awarded.plusMonths(2)).expectStatus().isCreated();
        api.recordCeus(number, "college-courses", "semester-credit-hour", 1, awarded.plusMonths(3)).expectStatus().isCreated();
        api.act(number, "renew", null, null).expectStatus().isOk();
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);

        String english = visibleText(ConsoleSession.page(http, session, "/admin/certificates/{n}?lang=en", number).html());
        String firstUntil = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(awarded.plusYears(2));
        assertThat(english).contains("Issued", "After: active, valid until " + firstUntil + ".")
            .contains("CEUs recorded", "10 CEUs in Speaking, cycle 1", "15 CEUs in College courses, cycle 1 (1 semester credit hours)")
            .contains("Renewed", "20 CEUs counted: Speaking 10, College courses 10")
            .contains("Before: active, valid until " + firstUntil + ".");
        String german = visibleText(ConsoleSession.page(http, session, "/admin/certificates/{n}?lang=de", number).html());
        String germanUntil = DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.GERMAN).format(awarded.plusYears(2));
        assertThat(german).contains("Ausgestellt", "Nachher: aktiv, gültig bis " + germanUntil + ".", "CEUs erfasst",
                "20 CEUs angerechnet: Vorträge 10, Hochschulkurse 10");
    }

    @Test
    void refusedInputIsNamedByItsLabelAndValueOnceInTheReadersLanguage() {
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        ConsoleSession.Page form = ConsoleSession.page(http, session, "/admin/certificates/new?lang=fr");
        MultiValueMap<String, String> issue = new LinkedMultiValueMap<>();
        issue.add("_csrf", form.token());
        issue.add("formKey", field(form.html(), "formKey"));
        issue.add("program", "CCXP");
        issue.add("name", "Émile Erreur");
        issue.add("email", "pas-une-adresse");
        EntityExchangeResult<String> refused = post(session, form, "/admin/certificates/new", issue);
        assertThat(refused.getStatus().value()).isEqualTo(400);
        assertThat(visibleText(refused.getResponseBody())).contains("E-mail du titulaire « pas-une-adresse » : ce n’est pas une adresse e-mail.")
            .doesNotContain("holder.email");

        String number = TestCertificates.issue(http, "CCXP", "Suzanne Sansraison " + TestCertificates.uniqueSurname()).number();
        ConsoleSession.Page page = ConsoleSession.page(http, session, "/admin/certificates/{n}?lang=en", number);
        MultiValueMap<String, String> suspend = new LinkedMultiValueMap<>();
        suspend.add("_csrf", page.token());
        suspend.add("version", "0");
        suspend.add("reason", "  ");
        String html = post(session, page, "/admin/certificates/" + number + "/suspend", suspend).getResponseBody();
        assertThat(countOf(visibleText(html), "say why the certificate is suspended")).as("the error is shown once").isEqualTo(1);
        assertThat(visibleText(html)).contains("Reason: say why the certificate is suspended.").doesNotContain("reason: is required");

        String list = visibleText(ConsoleSession.page(http, session, "/admin/certificates?status=gone&lang=de").html());
        assertThat(list).contains("Einen Status „gone“ gibt es nicht: wählen Sie Gültig, Abgelaufen, Verfallen, Ausgesetzt, Widerrufen.");
    }

    @Test
    void theSignedInUserIsNamedOnce() {
        String admin = visibleText(ConsoleSession.page(http, ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD), "/admin/certificates?lang=en")
            .html());
        assertThat(admin).contains("Signed in as admin").doesNotContain("admin admin");
        String auditor = visibleText(ConsoleSession.page(http, ConsoleSession.signIn(http, AUDITOR, AUDITOR_PASSWORD),
                "/admin/certificates?lang=en").html());
        assertThat(auditor).contains("Signed in as auditor, read-only").doesNotContain("auditor auditor");
    }

    private EntityExchangeResult<String> post(String session, ConsoleSession.Page page, String uri, MultiValueMap<String, String> form) {
        String language = page.html().replaceAll("(?s).*?<html lang=\"([a-z]+)\".*", "$1");
        return http.post().uri(uri).header("Accept-Language", language).cookie(ConsoleSession.COOKIE, session).cookie(ConsoleSession.CSRF_COOKIE, page.csrfCookie())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form)).exchange()
            .expectBody(String.class).returnResult();
    }

    static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("the form has " + name).isTrue();
        return m.group(1);
    }

    /** What a reader sees: the page without its markup, scripts and styles, entities decoded. */
    static String visibleText(String html) {
        String text = html.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("(?s)<!--.*?-->", " ")
            .replaceAll("(?s)<[^>]+>", " ");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
            .replace("&amp;", "&");
        return text.replaceAll("\\s+", " ");
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80));
    }
}
