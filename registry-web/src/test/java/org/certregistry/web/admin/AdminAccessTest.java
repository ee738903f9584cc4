package org.certregistry.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every admin route, API and console, answers 401/403 (or sends the browser to sign in) without
 * the right role: no credentials, a wrong password, the AUDITOR on every change. The list of
 * routes is checked against the application's own mappings, so a new route without a test fails.
 */
class AdminAccessTest extends RegistryIntegrationTest {

    record Route(HttpMethod method, String path, boolean change) {
    }

    static final String N = "{number}";
    static final String ID = "{id}";
    /** An id nothing has: the route answers 404 once past security (mail, CEU submissions, renewal requests). */
    static final String UNKNOWN = "{unknown}";
    static final String UNKNOWN_ID = java.util.UUID.randomUUID().toString();

    static final List<Route> API = List.of(
            new Route(HttpMethod.GET, "/api/v1/admin/certificates", false),
            new Route(HttpMethod.GET, "/api/v1/admin/certificates/" + N, false),
            new Route(HttpMethod.GET, "/api/v1/admin/certificates/" + N + "/history", false),
            new Route(HttpMethod.GET, "/api/v1/admin/certificates/" + N + "/ceus", false),
            new Route(HttpMethod.GET, "/api/v1/admin/cohorts/" + ID, false),
            new Route(HttpMethod.GET, "/api/v1/admin/cohorts/" + ID + "/result.csv", false),
            new Route(HttpMethod.POST, "/api/v1/admin/certificates", true),
            new Route(HttpMethod.POST, "/api/v1/admin/certificates/" + N + "/ceus", true),
            new Route(HttpMethod.POST, "/api/v1/admin/certificates/" + N + "/revoke", true),
            new Route(HttpMethod.POST, "/api/v1/admin/certificates/" + N + "/suspend", true),
            new Route(HttpMethod.POST, "/api/v1/admin/certificates/" + N + "/reinstate", true),
            new Route(HttpMethod.POST, "/api/v1/admin/certificates/" + N + "/renew", true),
            new Route(HttpMethod.POST, "/api/v1/admin/cohorts", true),
            new Route(HttpMethod.POST, "/api/v1/admin/cohorts/" + ID + "/issue", true),
            new Route(HttpMethod.GET, "/api/v1/admin/tokens", true),
            new Route(HttpMethod.POST, "/api/v1/admin/tokens", true),
            new Route(HttpMethod.DELETE, "/api/v1/admin/tokens/" + ID, true),
            new Route(HttpMethod.GET, "/api/v1/admin/mail", false),
            new Route(HttpMethod.GET, "/api/v1/admin/mail/" + UNKNOWN, false),
            new Route(HttpMethod.POST, "/api/v1/admin/mail/" + UNKNOWN + "/retry", true),
            new Route(HttpMethod.GET, "/api/v1/admin/ceu-submissions", false),
            new Route(HttpMethod.GET, "/api/v1/admin/ceu-submissions/" + UNKNOWN, false),
            new Route(HttpMethod.GET, "/api/v1/admin/ceu-submissions/" + UNKNOWN + "/evidence", false),
            new Route(HttpMethod.POST, "/api/v1/admin/ceu-submissions/" + UNKNOWN + "/approve", true),
            new Route(HttpMethod.POST, "/api/v1/admin/ceu-submissions/" + UNKNOWN + "/reject", true),
            new Route(HttpMethod.GET, "/api/v1/admin/renewal-requests", false),
            new Route(HttpMethod.POST, "/api/v1/admin/renewal-requests/" + UNKNOWN + "/approve", true));

    static final List<Route> CONSOLE = List.of(
            new Route(HttpMethod.GET, "/admin", false),
            new Route(HttpMethod.GET, "/admin/certificates", false),
            new Route(HttpMethod.GET, "/admin/certificates/new", true),
            new Route(HttpMethod.GET, "/admin/certificates/" + N, false),
            new Route(HttpMethod.GET, "/admin/cohorts", true),
            new Route(HttpMethod.GET, "/admin/cohorts/" + ID, false),
            new Route(HttpMethod.GET, "/admin/cohorts/" + ID + "/progress", false),
            new Route(HttpMethod.GET, "/admin/cohorts/" + ID + "/result.csv", false),
            new Route(HttpMethod.GET, "/admin/verifications", false),
            new Route(HttpMethod.POST, "/admin/certificates/new", true),
            new Route(HttpMethod.POST, "/admin/certificates/" + N + "/suspend", true),
            new Route(HttpMethod.POST, "/admin/certificates/" + N + "/reinstate", true),
            new Route(HttpMethod.POST, "/admin/certificates/" + N + "/revoke", true),
            new Route(HttpMethod.POST, "/admin/certificates/" + N + "/renew", true),
            new Route(HttpMethod.POST, "/admin/certificates/" + N + "/ceus", true),
            new Route(HttpMethod.POST, "/admin/cohorts", true),
            new Route(HttpMethod.POST, "/admin/cohorts/" + ID + "/issue", true),
            new Route(HttpMethod.GET, "/admin/tokens", true),
            new Route(HttpMethod.POST, "/admin/tokens", true),
            new Route(HttpMethod.POST, "/admin/tokens/" + ID + "/revoke", true),
            new Route(HttpMethod.GET, "/admin/mail", false),
            new Route(HttpMethod.GET, "/admin/mail/" + UNKNOWN, false),
            // the development mailbox shows every recipient's private links: admins only
            new Route(HttpMethod.GET, "/admin/dev/mailbox", true),
            new Route(HttpMethod.GET, "/admin/dev/mailbox/" + UNKNOWN, true),
            new Route(HttpMethod.GET, "/admin/ceus", false),
            new Route(HttpMethod.GET, "/admin/ceus/" + UNKNOWN, false),
            new Route(HttpMethod.GET, "/admin/ceus/" + UNKNOWN + "/evidence", false),
            new Route(HttpMethod.POST, "/admin/ceus/" + UNKNOWN + "/approve", true),
            new Route(HttpMethod.GET, "/admin/renewals", false),
            new Route(HttpMethod.POST, "/admin/renewals/" + UNKNOWN + "/approve", true));

    @Autowired
    WebTestClient http;

    @Autowired
    @Qualifier("requestMappingHandlerMapping") // the actuator adds a second one, for its endpoints
    RequestMappingHandlerMapping mappings;

    String number;

    String cohort;

    @BeforeEach
    void aCertificateAndACohort() {
        number = new AdminApi(http).issue("CXSP", "Access Checked " + TestCertificates.uniqueSurname(),
                LocalDate.now().minusDays(3));
        cohort = (String) http.post().uri("/api/v1/admin/cohorts").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.parseMediaType("text/csv")).bodyValue("program,name,email,awarded_on,listed\n")
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    String path(Route r) {
        return r.path().replace(N, number).replace(ID, cohort).replace(UNKNOWN, UNKNOWN_ID);
    }

    @Test
    void theTestedRoutesAreEveryAdminRouteTheApplicationHas() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> info.getPatternsCondition().getPatterns().forEach(p -> {
            String pattern = p.getPatternString();
            if (pattern.startsWith("/admin") || pattern.startsWith("/api/v1/admin")) {
                Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
                methods.forEach(m -> mapped.add(m.name() + " " + pattern.replaceAll("\\{[^}]*}", "{}")));
            }
        }));
        Set<String> tested = new TreeSet<>();
        for (Route r : concat(API, CONSOLE)) {
            tested.add(r.method().name() + " " + r.path().replaceAll("\\{[^}]*}", "{}"));
        }
        // the console's verbs share one mapping; the login page is public by design
        tested.add("POST /admin/certificates/{}/{}");
        tested.add("GET /admin/login");
        tested.removeIf(t -> t.matches("POST /admin/certificates/\\{}/(suspend|reinstate|revoke|renew)"));
        // approve and reject share one mapping
        tested.add("POST /admin/ceus/{}/{}");
        tested.removeIf(t -> t.equals("POST /admin/ceus/{}/approve"));
        tested.add("GET /admin/");
        assertThat(tested).containsAll(mapped);
    }

    @Test
    void everyApiRouteAnswers401WithoutCredentialsOrWithAWrongPassword() {
        for (Route r : API) {
            http.method(r.method()).uri(path(r)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches("WWW-Authenticate", "Basic .*")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            http.method(r.method()).uri(path(r)).headers(h -> h.setBasicAuth("wrong-user-" + r.path().length(), "nope"))
                .exchange().expectStatus().isUnauthorized();
        }
    }

    @Test
    void theAuditorReadsEverythingButEveryApiChangeIs403() {
        for (Route r : API) {
            EntityExchangeResult<byte[]> result = http.method(r.method()).uri(path(r))
                .headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectBody().returnResult();
            if (r.change()) {
                assertThat(result.getStatus().value()).as(r.toString()).isEqualTo(403);
            }
            else {
                assertThat(result.getStatus().value()).as(r.toString()).isNotIn(401, 403);
            }
        }
        // the cohort belongs to the admin who uploaded it: the auditor is told it is not theirs to see
        http.get().uri("/api/v1/admin/cohorts/{id}", cohort).headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD))
            .exchange().expectStatus().isNotFound();
        http.get().uri("/api/v1/admin/certificates/{n}", number).exchange().expectStatus().isUnauthorized();
        new AdminApi(http).act(number, "revoke", "still active?", null).expectStatus().isOk();
    }

    @Test
    void everyConsoleRouteSendsAStrangerToSignInAndRefusesTheirChanges() {
        for (Route r : CONSOLE) {
            EntityExchangeResult<byte[]> result = http.method(r.method()).uri(path(r)).accept(MediaType.TEXT_HTML).exchange()
                .expectBody().returnResult();
            if (r.method() == HttpMethod.GET) {
                assertThat(result.getStatus().value()).as(r.toString()).isEqualTo(302);
                assertThat(result.getResponseHeaders().getLocation()).as(r.toString()).hasToString("/admin/login");
                // a client that is not a browser is told plainly
                http.get().uri(path(r)).accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isUnauthorized();
            }
            else {
                assertThat(result.getStatus().value()).as(r.toString()).isEqualTo(403);
            }
        }
    }

    @Test
    void theAuditorSeesTheConsoleButEveryChangeIs403EvenWithAValidCsrfToken() {
        String session = signIn(AUDITOR, AUDITOR_PASSWORD);
        for (Route r : CONSOLE) {
            if (r.method() == HttpMethod.GET && r.change()) { // ADMIN-only pages (API tokens), reading included
                http.get().uri(path(r)).cookie(ConsoleSession.COOKIE, session).exchange().expectStatus().isForbidden();
                continue;
            }
            if (r.method() == HttpMethod.GET) {
                if (r.path().contains("cohorts/" + ID)) {
                    continue; // the admin's upload, not the auditor's (404 through the API test above)
                }
                int status = http.get().uri(path(r)).cookie(ConsoleSession.COOKIE, session).exchange().expectBody().returnResult()
                    .getStatus().value();
                if (r.path().contains(UNKNOWN)) {
                    assertThat(status).as(r.toString()).isEqualTo(404);
                }
                else {
                    assertThat(status).as(r.toString()).isIn(200, 303);
                }
                continue;
            }
            ConsoleSession.Page page = ConsoleSession.page(http, session, "/admin/certificates");
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("_csrf", page.token());
            form.add("reason", "auditor tries");
            form.add("version", "0");
            http.post().uri(path(r)).cookie(ConsoleSession.COOKIE, session).cookie(ConsoleSession.CSRF_COOKIE, page.csrfCookie())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form)).exchange().expectStatus().isForbidden();
        }
        http.get().uri("/api/v1/admin/certificates/{n}", number).headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD))
            .exchange().expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("ACTIVE");
    }

    @Test
    void anAdminPostWithoutTheCsrfTokenIsRefused() {
        String session = signIn(ADMIN, ADMIN_PASSWORD);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("reason", "cross-site");
        http.post().uri("/admin/certificates/{n}/revoke", number).cookie(ConsoleSession.COOKIE, session)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
            .exchange().expectStatus().isForbidden();
        new AdminApi(http).act(number, "suspend", "still active", null).expectStatus().isOk();
    }

    @Test
    void aConsoleFormRenderedBeforeSomeoneElsesChangeIsRefusedSayingWhatChanged() {
        String session = signIn(ADMIN, ADMIN_PASSWORD);
        ConsoleSession.Page form0 = ConsoleSession.page(http, session, "/admin/certificates/{n}", number);
        String page = form0.html();
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
        assertThat(version.find()).isTrue();
        // meanwhile another admin suspends it through the API
        new AdminApi(http).act(number, "suspend", "Second admin was quicker", null).expectStatus().isOk();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", csrfToken(page));
        form.add("version", version.group(1));
        form.add("reason", "First admin, too late");
        String refused = http.post().uri("/admin/certificates/{n}/revoke", number).cookie(ConsoleSession.COOKIE, session)
            .cookie(ConsoleSession.CSRF_COOKIE, form0.csrfCookie())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form)).exchange()
            .expectStatus().isEqualTo(409).expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("was changed by someone else meanwhile", "suspended", "Second admin was quicker");
        http.get().uri("/api/v1/admin/certificates/{n}", number).headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD))
            .exchange().expectBody().jsonPath("$.state").isEqualTo("SUSPENDED");
    }

    String signIn(String user, String password) {
        return ConsoleSession.signIn(http, user, password);
    }

    static String csrfToken(String html) {
        return ConsoleSession.csrfToken(html);
    }

    static List<Route> concat(List<Route> a, List<Route> b) {
        List<Route> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

}
