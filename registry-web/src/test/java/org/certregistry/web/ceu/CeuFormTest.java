package org.certregistry.web.ceu;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.HolderVisitor;
import org.certregistry.web.support.MailIntegrationTest;
import org.certregistry.web.support.Mailbox;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The holder's CEU form and list speak the page's language: a refused form comes back with what was typed and each
 * problem beside its field, every label bound to its field; categories, measures and decisions are words; the list
 * says where each activity came from, and earlier cycles stay apart; a submission is acknowledged by e-mail.
 */
class CeuFormTest extends MailIntegrationTest {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes();
    static final DateTimeFormatter FR = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

    @Autowired
    WebTestClient http;

    @Test
    void aRefusedFormComesBackFilledInWithEachProblemBesideItsFieldInThePagesLanguage() {
        String address = "form." + TestCertificates.uniqueSurname().toLowerCase(Locale.ROOT) + "@example.org";
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusMonths(6);
        String number = TestCertificates.issuing(http).email(address).name("Fanny Formulaire").awardedOn(awarded).issue().number();
        HolderVisitor holder = HolderVisitor.signedIn(http, MAILBOX, BASE_URL, address);
        holder.cookies.put("lang", "fr");
        String page = "/holder/certificates/" + number;

        String empty = holder.get(page).getResponseBody();
        assertThat(labelsBoundToFields(empty)).isEqualTo(6);
        assertThat(empty).contains("<option value=\"program-attendance\">participation à des programmes</option>",
                "<option value=\"semester-credit-hour\">heures de crédit semestrielles</option>", "Il manque 20 CEU : 0 sur les 20")
            .doesNotContain(">program-attendance<").doesNotContain(">semester-credit-hour<").doesNotContain("CEUs are missing");

        EntityExchangeResult<String> refused = submit(holder, number, "speaking", "3", awarded.minusDays(1).toString(),
                "Conférence CX", PDF);
        assertThat(refused.getStatus().value()).isEqualTo(400);
        String body = refused.getResponseBody();
        assertThat(body).contains("value=\"Conférence CX\"", "value=\"3\"", "value=\"" + awarded.minusDays(1) + "\"",
                "<option value=\"speaking\" selected=\"selected\">interventions</option>")
            .containsPattern("<input type=\"date\" name=\"earnedOn\" id=\"earned-on\"[^>]*aria-invalid=\"true\"[^>]*"
                    + "aria-describedby=\"earned-on-error\"")
            .contains("id=\"earned-on-error\">Cette date précède le début du cycle en cours, le "
                    + FR.format(LocalDate.ofInstant(awarded.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC)))
            .contains("L’activité n’a pas été soumise.")
            .doesNotContain("earnedOn:").doesNotContain("is before").doesNotContain("id=\"problem\"");
        assertThat(labelsBoundToFields(body)).isEqualTo(6);

        // several wrong fields at once, each beside its own; not a PDF, no number
        String many = submit(holder, number, "speaking", "trois", awarded.plusDays(2).toString(), " ", "texte".getBytes())
            .getResponseBody();
        assertThat(many).contains("id=\"activity-error\">Indiquez le cours", "id=\"quantity-error\">Saisissez un nombre entier de 1 à 1",
                "id=\"evidence-error\">Ce fichier n’est ni un PDF ni une image").doesNotContain("id=\"earned-on-error\"");
        assertThat(submissions(number)).isZero();
    }

    @Test
    void theListSaysWhereEachActivityCameFromKeepsEarlierCyclesApartAndASubmissionIsAcknowledgedByMail() {
        String address = "liste." + TestCertificates.uniqueSurname().toLowerCase(Locale.ROOT) + "@example.org";
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusMonths(8);
        String number = TestCertificates.issuing(http).email(address).name("Léa Liste").awardedOn(awarded).language("fr").issue()
            .number();
        AdminApi admin = new AdminApi(http);
        admin.recordCeus(number, "speaking", "ceu", 10, awarded.plusMonths(1)).expectStatus().isCreated();
        admin.recordCeus(number, "college-courses", "semester-credit-hour", 1, awarded.plusMonths(2)).expectStatus().isCreated();
        HolderVisitor holder = HolderVisitor.signedIn(http, MAILBOX, BASE_URL, address);
        // the holder reads in French (signed in from an English page): their e-mails follow
        holder.get("/holder?lang=fr");
        holder.cookies.put("lang", "fr");
        String page = "/holder/certificates/" + number;

        LocalDate earned = awarded.plusMonths(3);
        assertThat(submit(holder, number, "program-attendance", "4", earned.toString(), "Sommet CX", PDF).getStatus().value())
            .isEqualTo(303);
        Mailbox.Mail received = MAILBOX.await(address, s -> s.endsWith("activité CEU reçue"));
        assertThat(received.subject()).isEqualTo("Certificat CCXP " + number + " : activité CEU reçue");
        assertThat(received.text()).contains("« Sommet CX » (4 CEU, participation à des programmes), obtenue le " + FR.format(earned));
        assertThat(received.html()).contains("<html lang=\"fr\"", "participation à des programmes", FR.format(earned));

        String current = table(holder.get(page).getResponseBody(), "submissions");
        assertThat(rows(current, "HOLDER")).hasSize(1);
        assertThat(rows(current, "HOLDER")[0]).contains("Sommet CX", "participation à des programmes", "soumise par vous", "en attente");
        assertThat(rows(current, "AWARDING_BODY")).hasSize(2);
        assertThat(current).contains("enregistrée par Customer Experience Professionals Association (CXPA)",
                "1 heures de crédit semestrielles = 15 CEU", "cours universitaires")
            .doesNotContain(">pending<").doesNotContain(">college-courses<").doesNotContain("semester-credit-hour<");

        // renewed: this cycle's activities move under the earlier cycles, and the new cycle starts empty
        admin.act(number, "renew", null, null).expectStatus().isOk();
        String renewed = holder.get(page).getResponseBody();
        assertThat(renewed).doesNotContain("id=\"submissions\"").contains("<details class=\"earlier-cycles\" id=\"earlier-cycles\">",
                "Cycles précédents (ils ne comptent pas pour celui-ci)", "Cycle 1");
        assertThat(table(renewed, "cycle-1")).contains("Sommet CX", "enregistrée par");
    }

    /** Counts the labels of the CEU form, failing unless each names a field with its id. */
    static int labelsBoundToFields(String page) {
        String form = page.substring(page.indexOf("<form method=\"post\" enctype=\"multipart/form-data\""));
        form = form.substring(0, form.indexOf("</form>"));
        Matcher label = Pattern.compile("<label for=\"([^\"]+)\"").matcher(form);
        int count = 0;
        while (label.find()) {
            assertThat(form).as("a field with id %s", label.group(1)).containsPattern("<(input|select)[^>]* id=\"" + label.group(1) + "\"");
            count++;
        }
        assertThat(form).doesNotContain("<label>");
        return count;
    }

    static String table(String page, String id) {
        Matcher m = Pattern.compile("<table[^>]*id=\"" + id + "\".*?</table>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("a table %s in\n%s", id, page).isTrue();
        return m.group();
    }

    static String[] rows(String table, String source) {
        return Pattern.compile("<tr data-source=\"" + source + "\">.*?</tr>", Pattern.DOTALL).matcher(table).results()
            .map(r -> r.group()).toArray(String[]::new);
    }

    private long submissions(String number) {
        return http.get().uri("/api/v1/admin/ceu-submissions?program=CCXP")
            .headers(h -> h.setBasicAuth("auditor", "registry-dev-auditor")).exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody().split(number, -1).length - 1;
    }

    private EntityExchangeResult<String> submit(HolderVisitor holder, String number, String category, String quantity,
            String earnedOn, String activity, byte[] evidence) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("_csrf", holder.csrf("/holder"));
        form.part("activity", activity);
        form.part("category", category);
        form.part("measure", "ceu");
        form.part("quantity", quantity);
        form.part("earnedOn", earnedOn);
        form.part("evidence", new ByteArrayResource(evidence) {
            @Override
            public String getFilename() {
                return "evidence.pdf";
            }
        }).contentType(MediaType.APPLICATION_PDF);
        return holder.postMultipart("/holder/certificates/" + number + "/ceus", form.build());
    }
}
