package org.certregistry.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The console and the development mailbox speak the reader's language like the public pages: every console page in
 * French and German says so ({@code <html lang>}), has its heading translated, and lacks no text (Thymeleaf writes
 * {@code ??key_xx??} for a key no bundle has); English stays the default.
 */
class ConsoleLanguageTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void everyConsolePageHasEveryTextInFrenchAndGerman() {
        AdminApi api = new AdminApi(http);
        String number = api.issue("CCXP", "Lina Sprachen " + TestCertificates.uniqueSurname(), null);
        String cohort = uploadCohort();
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        String outbox = ConsoleSession.page(http, session, "/admin/mail").html();
        Matcher mail = Pattern.compile("href=\"(/admin/mail/[0-9a-f-]{36})\"").matcher(outbox);
        assertThat(mail.find()).as("the outbox lists the issuance e-mail").isTrue();

        // each page, with its heading in French and in German
        Map<String, String[]> pages = new LinkedHashMap<>();
        pages.put("/admin/certificates", new String[] { "Certificats", "Zertifikate" });
        pages.put("/admin/certificates?q=Sprachen", new String[] { "Certificats", "Zertifikate" });
        pages.put("/admin/certificates/" + number, new String[] { "Historique", "Verlauf" });
        pages.put("/admin/certificates/new", new String[] { "Délivrer un certificat", "Zertifikat ausstellen" });
        pages.put("/admin/cohorts", new String[] { "Importer une promotion", "Jahrgang hochladen" });
        pages.put("/admin/cohorts/" + cohort, new String[] { "Lignes qui ne peuvent pas être délivrées", "Zeilen, die nicht ausgestellt werden können" });
        pages.put("/admin/ceus", new String[] { "Déclarations de CEU à examiner", "Zu prüfende CEU-Einreichungen" });
        pages.put("/admin/renewals", new String[] { "Demandes de renouvellement", "Erneuerungsanträge" });
        pages.put("/admin/mail", new String[] { "Boîte d’envoi des e-mails", "E-Mail-Postausgang" });
        pages.put(mail.group(1), new String[] { "Texte brut", "Nur-Text" });
        pages.put("/admin/tokens", new String[] { "Jetons d’API", "API-Tokens" });
        pages.put("/admin/verifications", new String[] { "Vérifications", "Prüfungen" });
        pages.put("/admin/login", new String[] { "Connexion", "Anmelden" });
        pages.put("/admin/dev/mailbox", new String[] { "Boîte aux lettres de développement", "Entwicklungspostfach" });
        String[] languages = { "fr", "de" };
        for (Map.Entry<String, String[]> page : pages.entrySet()) {
            for (int i = 0; i < languages.length; i++) {
                String uri = page.getKey() + (page.getKey().contains("?") ? "&" : "?") + "lang=" + languages[i];
                String html = ConsoleSession.page(http, session, uri).html();
                assertThat(html).as(uri).contains("<html lang=\"" + languages[i] + "\"").doesNotContain("??");
                assertThat(heading(html)).as(uri).contains(page.getValue()[i]);
            }
        }
        // the switcher is in the console's header too, and the console's dates are the reader's
        String german = ConsoleSession.page(http, session, "/admin/certificates/" + number + "?lang=de").html();
        assertThat(german).contains(">Français<", ">Deutsch<", "Abmelden", "Gültig bis")
            .containsPattern("href=\"/admin/certificates/" + number + "\\?lang=fr\"")
            .containsPattern("class=\"valid-until\">\\d{1,2}\\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \\d{4}<");

        // a page with no such certificate answers 404, in the reader's language too
        String missing = http.get().uri("/admin/certificates/CCXP-000-000-000?lang=fr").cookie(ConsoleSession.COOKIE, session)
            .exchange().expectStatus().isEqualTo(HttpStatus.NOT_FOUND).expectBody(String.class).returnResult().getResponseBody();
        assertThat(missing).contains("<html lang=\"fr\"", "Certificat introuvable").doesNotContain("??");
    }

    @Test
    void withoutAnyPreferenceTheConsoleIsEnglishAndABrowserLanguageIsHonoured() {
        String session = ConsoleSession.signIn(http, AUDITOR, AUDITOR_PASSWORD);
        assertThat(ConsoleSession.page(http, session, "/admin/certificates").html())
            .contains("<html lang=\"en\"", "<h1>Certificates</h1>", "Signed in as auditor, read-only");
        String spanish = http.get().uri("/admin/renewals").cookie(ConsoleSession.COOKIE, session)
            .header(HttpHeaders.ACCEPT_LANGUAGE, "es-MX, en;q=0.5").accept(MediaType.TEXT_HTML).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(spanish).contains("<html lang=\"es\"", "Solicitudes de renovación", "Sesión iniciada como auditor, solo lectura").doesNotContain("??");
    }

    private static String heading(String html) {
        Matcher h = Pattern.compile("(?s)<h[12][^>]*>(.*?)</h[12]>").matcher(html);
        StringBuilder all = new StringBuilder();
        while (h.find()) {
            all.append(h.group(1)).append('\n');
        }
        return all.toString();
    }

    /** A cohort with one good and one bad row, validated and not issued: its page shows both. */
    private String uploadCohort() {
        String csv = "program,name,email,awarded_on,listed\nCCXP,Kai Kohorte,kai.kohorte@example.org,,no\nCCXQ,Nope,nope@example.org,,no\n";
        Map<?, ?> uploaded = http.post().uri("/api/v1/admin/cohorts?fileName=sprachen.csv").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange()
            .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return uploaded.get("id").toString();
    }
}
