package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Anonymous visitors cost no server state (issue 11.5): the pages with forms carry a CSRF token
 * from a cookie, no session is made until someone signs in, and then it is one row in PostgreSQL.
 */
class AnonymousVisitorsTest extends RegistryIntegrationTest {

    private static final int VISITS = 150;

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    WebSessionManager sessions;

    @Test
    void hundredsOfAnonymousVisitsToPagesWithFormsMakeNoSession() {
        String holderPath = URI.create(TestCertificates.issue(http, "CCXP", "Anonymous Visits").holderUrl()).getPath();
        long before = consoleSessions();
        // the count of an application context shared with other test classes: none of them may add one either
        int webSessionsBefore = webSessions();
        assertThat(webSessionsBefore).as("sessions kept in memory").isZero();
        for (String path : new String[] {"/verify", "/admin/login", holderPath}) {
            for (int i = 0; i < VISITS; i++) {
                EntityExchangeResult<String> page = http.get().uri(path).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult();
                assertThat(page.getResponseCookies()).as(path).doesNotContainKeys("SESSION", ConsoleSession.COOKIE);
                if (i == 0) {
                    // the form's token is backed by a cookie the visitor keeps, not by the server
                    ResponseCookie csrf = page.getResponseCookies().getFirst(ConsoleSession.CSRF_COOKIE);
                    assertThat(csrf).as(path).isNotNull();
                    assertThat(csrf.isHttpOnly()).isTrue();
                    assertThat(ConsoleSession.csrfToken(page.getResponseBody())).isNotBlank();
                }
            }
        }
        // strangers sent from a console page to sign in: nothing is saved for them either
        for (int i = 0; i < VISITS; i++) {
            http.get().uri("/admin/certificates").accept(MediaType.TEXT_HTML).exchange().expectStatus().isFound()
                .expectHeader().location("/admin/login").expectCookie().doesNotExist("SESSION");
        }
        assertThat(webSessions()).as("sessions kept in memory").isEqualTo(webSessionsBefore);
        assertThat(consoleSessions()).as("console sessions stored").isEqualTo(before);

        // signing in is what makes a session: one row, nothing in memory
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        assertThat(consoleSessions()).isEqualTo(before + 1);
        assertThat(webSessions()).isEqualTo(webSessionsBefore);
        http.get().uri("/admin/certificates").cookie(ConsoleSession.COOKIE, session).exchange().expectStatus().isOk();
    }

    @Test
    void aFormPostedWithoutItsCookieOrWithAnotherVisitorsTokenIsRefused() {
        EntityExchangeResult<String> mine = http.get().uri("/admin/login").exchange().expectBody(String.class).returnResult();
        EntityExchangeResult<String> theirs = http.get().uri("/admin/login").exchange().expectBody(String.class)
            .returnResult();
        String myCookie = mine.getResponseCookies().getFirst(ConsoleSession.CSRF_COOKIE).getValue();
        String theirToken = ConsoleSession.csrfToken(theirs.getResponseBody());
        String myToken = ConsoleSession.csrfToken(mine.getResponseBody());
        http.post().uri("/admin/login").body(formData(myToken)).exchange().expectStatus().isForbidden();
        http.post().uri("/admin/login").cookie(ConsoleSession.CSRF_COOKIE, myCookie).body(formData(theirToken)).exchange()
            .expectStatus().isForbidden();
        http.post().uri("/admin/login").cookie(ConsoleSession.CSRF_COOKIE, myCookie).body(formData(myToken)).exchange()
            .expectStatus().isFound();
    }

    @Test
    void signingOutDeletesTheStoredSession() {
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        long signedIn = consoleSessions();
        ConsoleSession.Page page = ConsoleSession.page(http, session, "/admin/certificates");
        http.post().uri("/admin/logout").cookie(ConsoleSession.COOKIE, session)
            .cookie(ConsoleSession.CSRF_COOKIE, page.csrfCookie())
            .body(org.springframework.web.reactive.function.BodyInserters.fromFormData("_csrf", page.token()))
            .exchange().expectStatus().isFound();
        assertThat(consoleSessions()).isEqualTo(signedIn - 1);
        http.get().uri("/admin/certificates").cookie(ConsoleSession.COOKIE, session).exchange()
            .expectStatus().isUnauthorized();
    }

    private static org.springframework.web.reactive.function.BodyInserters.FormInserter<String> formData(String token) {
        return org.springframework.web.reactive.function.BodyInserters.fromFormData("username", ADMIN)
            .with("password", ADMIN_PASSWORD).with("_csrf", token);
    }

    private long consoleSessions() {
        return db.sql("SELECT count(*) AS n FROM console_session").map(row -> row.get("n", Long.class)).one().block();
    }

    private int webSessions() {
        InMemoryWebSessionStore store = (InMemoryWebSessionStore) ((DefaultWebSessionManager) sessions).getSessionStore();
        return store.getSessions().size();
    }
}
