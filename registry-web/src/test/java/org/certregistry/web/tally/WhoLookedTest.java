package org.certregistry.web.tally;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who looked: every channel's verifications counted per certificate and month, shown on the holder's private
 * page and, per program, in the console; nothing about the verifier is stored.
 */
class WhoLookedTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    Tally tally;

    @Test
    void theHolderSeesHowOftenAndHowTheirCertificateWasVerifiedThisMonth() {
        Issued issued = TestCertificates.issue(http, "CXSP", "Looked At " + TestCertificates.uniqueSurname());
        String holderPage = issued.holderUrl().substring(issued.holderUrl().indexOf("/h/"));
        assertThat(page(holderPage)).contains("Nobody has verified it yet.");

        http.get().uri("/v/{n}", issued.number()).exchange().expectStatus().isOk();
        http.get().uri("/v/{n}", issued.number()).exchange().expectStatus().isOk();
        http.post().uri("/api/v1/verifications").contentType(MediaType.parseMediaType("application/jwt"))
            .bodyValue(issued.credential()).exchange().expectStatus().isOk();
        http.post().uri("/api/v1/verifications/batch").contentType(MediaType.parseMediaType("text/csv"))
            .bodyValue(issued.number().getBytes(StandardCharsets.UTF_8)).exchange().expectStatus().isOk();
        uploadOnTheVerifyPage(issued.credential());
        // an unknown number is nobody's verification
        http.get().uri("/v/CCXP-000-000-000").exchange().expectStatus().isNotFound();
        tally.flush().block();

        String html = page(holderPage);
        assertThat(html).contains("Verified 5 times");
        // month, QR page, API, bulk, upload, all
        assertThat(cellsOfThisMonth(html)).containsExactly("2", "1", "1", "1", "5");

        // counts add up across writes
        http.get().uri("/v/{n}", issued.number()).exchange().expectStatus().isOk();
        tally.flush().block();
        assertThat(cellsOfThisMonth(page(holderPage))).containsExactly("3", "1", "1", "1", "6");

        String session = ConsoleSession.signIn(http, AUDITOR, AUDITOR_PASSWORD);
        String console = http.get().uri("/admin/verifications").cookie(ConsoleSession.COOKIE, session).exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(console).contains("CX Standard Practitioner", thisMonth());
    }

    @Test
    void theTallyTableHoldsNoAddressOrAgent() {
        List<String> columns = List.of("certificate_id", "channel", "month", "program", "count");
        String sql = "SELECT column_name FROM information_schema.columns WHERE table_name = 'verification_tally' ORDER BY ordinal_position";
        var db = org.certregistry.web.support.TestDatabase.shared();
        try (var connection = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                var rows = connection.createStatement().executeQuery(sql)) {
            List<String> found = new java.util.ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1));
            }
            assertThat(found).isEqualTo(columns);
        }
        catch (java.sql.SQLException ex) {
            throw new AssertionError(ex);
        }
    }

    private void uploadOnTheVerifyPage(String credential) {
        EntityExchangeResult<String> form = http.get().uri("/verify").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult();
        ResponseCookie csrf = form.getResponseCookies().getFirst(ConsoleSession.CSRF_COOKIE);
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("_csrf", ConsoleSession.csrfToken(form.getResponseBody()));
        parts.part("credential", credential);
        http.post().uri("/verify").cookie(ConsoleSession.CSRF_COOKIE, csrf.getValue())
            .body(BodyInserters.fromMultipartData(parts.build())).exchange().expectStatus().isOk()
            .expectBody(String.class).value(body -> assertThat(body).contains("verdict-valid"));
    }

    private String page(String path) {
        return http.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private static String thisMonth() {
        return YearMonth.now(ZoneOffset.UTC).atDay(1).format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH));
    }

    private static List<String> cellsOfThisMonth(String html) {
        Matcher row = Pattern.compile("<th scope=\"row\">" + thisMonth() + "</th>(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertThat(row.find()).as("a row for this month").isTrue();
        return Pattern.compile("<td>(\\d+)</td>").matcher(row.group(1)).results().map(m -> m.group(1)).toList();
    }
}
