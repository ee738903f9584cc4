package org.certregistry.web.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A certificate is issued once: a console form sent again (a refresh of its answer) issues nothing
 * more, and a second active certificate of a program to one address is refused unless it is meant.
 */
class DuplicateIssuanceTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Test
    void refreshingTheConsolesIssuedPageSendsTheFormAgainAndIssuesNoSecondCertificate() {
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        String address = uniqueAddress("refresh");
        ConsoleSession.Page form = ConsoleSession.page(http, session, "/admin/certificates/new");
        MultiValueMap<String, String> fields = issueForm(form, "Reta Fresh", address);

        EntityExchangeResult<String> first = post(session, form, "/admin/certificates/new", fields);
        assertThat(first.getStatus().value()).isEqualTo(200);
        assertThat(first.getResponseBody()).contains("class=\"holder-link\"", BASE_URL + "/h/");
        String number = number(first.getResponseBody());

        // the answer stays at the form's address: a refresh sends the very same form again
        EntityExchangeResult<String> refresh = post(session, form, "/admin/certificates/new", fields);
        assertThat(refresh.getStatus().value()).isEqualTo(303);
        String location = refresh.getResponseHeaders().getLocation().toString();
        assertThat(location).isEqualTo("/admin/certificates/" + number + "?done=already-sent");
        assertThat(refresh.getResponseBody()).isNull();
        assertThat(certificatesAt(address)).isEqualTo(1);

        String page = ConsoleSession.page(http, session, location).html();
        assertThat(page).contains("This form was already sent; no second certificate was issued.", number)
            .doesNotContain("/h/");
    }

    @Test
    void theApiRefusesASecondActiveCertificateOfAProgramToOneAddressNamingTheFirstUnlessItIsIntended() {
        String address = uniqueAddress("twice");
        String first = TestCertificates.issuing(http).program("CCXP").name("Tess Twice").email(address).issue().number();

        // the same address in other letters is the same address
        EntityExchangeResult<Map> refused = issue("CCXP", "Tess Twice", address.toUpperCase(Locale.ROOT), null);
        assertThat(refused.getStatus().value()).isEqualTo(409);
        assertThat(refused.getResponseHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(refused.getResponseBody()).containsEntry("type", "https://certregistry.org/problems/duplicate-certificate")
            .containsEntry("existingCertificate", first);
        assertThat((String) refused.getResponseBody().get("detail")).contains(first, "nothing was issued");
        assertThat(certificatesAt(address)).isEqualTo(1);

        // another program at the same address is no duplicate; a second one that is meant is issued
        assertThat(issue("CXSP", "Tess Twice", address, null).getStatus().value()).isEqualTo(201);
        assertThat(issue("CCXP", "Tess Twice", address, "intended").getStatus().value()).isEqualTo(201);
        assertThat(issue("CCXP", "Tess Twice", address, "maybe").getStatus().value()).isEqualTo(400);
        assertThat(certificatesAt(address)).isEqualTo(3);
    }

    @Test
    void aRevokedCertificateDoesNotStandInTheWayOfANewOne() {
        String address = uniqueAddress("again");
        String first = TestCertificates.issuing(http).program("CCXP").name("Ada Again").email(address).issue().number();
        TestCertificates.revoke(http, first, "Issued in error");
        assertThat(issue("CCXP", "Ada Again", address, null).getStatus().value()).isEqualTo(201);
    }

    @Test
    void issuancesToOneAddressAtTheSameMomentIssueOneCertificate() throws Exception {
        String address = uniqueAddress("race");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit((Callable<Integer>) () -> issue("CXSP", "Rae Racing", address, null).getStatus().value()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(certificatesAt(address)).isEqualTo(1);
    }

    @Test
    void theConsoleWarnsOfTheActiveCertificateAtTheAddressAndIssuesOnlyWhenIssueAnywayIsTicked() {
        String address = uniqueAddress("console");
        String first = TestCertificates.issuing(http).program("CCXP").name("Wanda Warned").email(address).issue().number();
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        ConsoleSession.Page form = ConsoleSession.page(http, session, "/admin/certificates/new");
        MultiValueMap<String, String> fields = issueForm(form, "Wanda Warned", address);

        EntityExchangeResult<String> warned = post(session, form, "/admin/certificates/new", fields);
        assertThat(warned.getStatus().value()).isEqualTo(409);
        assertThat(warned.getResponseBody())
            .contains("Certificate " + first + " of this program is already active for this e-mail address: nothing was issued.")
            .contains("href=\"/admin/certificates/" + first + "\"")
            .contains("name=\"duplicate\" value=\"intended\"", "Issue anyway: a second certificate is intended")
            .doesNotContain("/h/");
        assertThat(certificatesAt(address)).isEqualTo(1);

        // the warning keeps what was typed and the form's key; ticking "issue anyway" issues the second one
        assertThat(warned.getResponseBody()).contains("value=\"" + fields.getFirst("formKey") + "\"", "value=\"" + address + "\"");
        fields.add("duplicate", "intended");
        EntityExchangeResult<String> issued = post(session, form, "/admin/certificates/new", fields);
        assertThat(issued.getStatus().value()).isEqualTo(200);
        assertThat(number(issued.getResponseBody())).isNotEqualTo(first);
        assertThat(certificatesAt(address)).isEqualTo(2);
    }

    @Test
    void aConsoleFormSentAgainWithOtherDetailsIssuesNothingAndOffersAFreshForm() {
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        ConsoleSession.Page form = ConsoleSession.page(http, session, "/admin/certificates/new");
        MultiValueMap<String, String> fields = issueForm(form, "Otto Other", uniqueAddress("other"));
        assertThat(post(session, form, "/admin/certificates/new", fields).getStatus().value()).isEqualTo(200);

        // back, a changed address, send: the form was used, so nothing is issued until it is sent again on purpose
        String changed = uniqueAddress("changed");
        fields.set("email", changed);
        EntityExchangeResult<String> refused = post(session, form, "/admin/certificates/new", fields);
        assertThat(refused.getStatus().value()).isEqualTo(409);
        assertThat(refused.getResponseBody()).contains("This form was already sent with other details: nothing was issued now.")
            .doesNotContain("value=\"" + fields.getFirst("formKey") + "\"");
        assertThat(certificatesAt(changed)).isZero();
        fields.set("formKey", formKey(refused.getResponseBody()));
        assertThat(post(session, form, "/admin/certificates/new", fields).getStatus().value()).isEqualTo(200);
        assertThat(certificatesAt(changed)).isEqualTo(1);
    }

    @Test
    void aConsoleFormWithoutItsKeyIssuesNothing() {
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        ConsoleSession.Page form = ConsoleSession.page(http, session, "/admin/certificates/new");
        String address = uniqueAddress("keyless");
        MultiValueMap<String, String> fields = issueForm(form, "Kay Less", address);
        fields.remove("formKey");
        EntityExchangeResult<String> refused = post(session, form, "/admin/certificates/new", fields);
        assertThat(refused.getStatus().value()).isEqualTo(400);
        assertThat(refused.getResponseBody()).contains("This form is more than a day old, or incomplete: nothing was issued.");
        assertThat(certificatesAt(address)).isZero();
    }

    private MultiValueMap<String, String> issueForm(ConsoleSession.Page form, String name, String address) {
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        fields.add("_csrf", form.token());
        fields.add("formKey", formKey(form.html()));
        fields.add("program", "CCXP");
        fields.add("name", name + " " + TestCertificates.uniqueSurname());
        fields.add("email", address);
        fields.add("awardedOn", "2026-01-05");
        fields.add("listed", "yes");
        return fields;
    }

    private EntityExchangeResult<String> post(String session, ConsoleSession.Page form, String uri,
            MultiValueMap<String, String> fields) {
        return http.post().uri(uri).cookie(ConsoleSession.COOKIE, session).cookie(ConsoleSession.CSRF_COOKIE, form.csrfCookie())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(new LinkedMultiValueMap<>(fields)))
            .exchange().expectBody(String.class).returnResult();
    }

    @SuppressWarnings("rawtypes")
    private EntityExchangeResult<Map> issue(String program, String name, String address, String duplicate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("program", program);
        body.put("holder", Map.of("name", name, "email", address));
        if (duplicate != null) {
            body.put("duplicate", duplicate);
        }
        return http.post().uri("/api/v1/admin/certificates").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectBody(Map.class).returnResult();
    }

    private long certificatesAt(String address) {
        return db.sql("SELECT count(*) FROM certificate WHERE lower(holder_email) = lower(:address)").bind("address", address)
            .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
    }

    private static String uniqueAddress(String word) {
        return word + "." + TestCertificates.uniqueSurname().toLowerCase(Locale.ROOT) + "@example.org";
    }

    private static String formKey(String html) {
        Matcher m = Pattern.compile("name=\"formKey\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the issue form carries its one-time key").isTrue();
        return m.group(1);
    }

    private static String number(String html) {
        Matcher m = Pattern.compile("<span class=\"number\">([^<]+)</span>").matcher(html);
        assertThat(m.find()).as("the page names the issued certificate").isTrue();
        return m.group(1);
    }
}
