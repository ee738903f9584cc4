package org.certregistry.web.holder;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.MailIntegrationTest;
import org.certregistry.web.support.Mailbox;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A holder signs in with a link read back from the SMTP server, sees every certificate of their
 * address, and moves to another address confirmed from it; nobody learns whether an address is known.
 */
class HolderSignInTest extends MailIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    /** Each test (and a re-run of it) reaches its own addresses: a second certificate for one address is refused. */
    private final String run = TestCertificates.uniqueSurname().toLowerCase();

    /** A visitor without a browser: cookies kept by hand. */
    final class Visitor {
        final Map<String, String> cookies = new HashMap<>();

        EntityExchangeResult<String> get(String path) {
            EntityExchangeResult<String> page = http.get().uri(path).cookies(c -> cookies.forEach(c::add)).exchange()
                .expectBody(String.class).returnResult();
            keep(page.getResponseCookies());
            return page;
        }

        EntityExchangeResult<String> post(String path, String formPage, Map<String, String> fields) {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("_csrf", ConsoleSession.csrfToken(get(formPage).getResponseBody()));
            fields.forEach(form::add);
            EntityExchangeResult<String> answer = http.post().uri(path).cookies(c -> cookies.forEach(c::add))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
                .exchange().expectBody(String.class).returnResult();
            keep(answer.getResponseCookies());
            return answer;
        }

        void keep(MultiValueMap<String, ResponseCookie> set) {
            set.forEach((name, values) -> values.forEach(v -> {
                if (v.getMaxAge().isZero()) {
                    cookies.remove(name);
                }
                else {
                    cookies.put(name, v.getValue());
                }
            }));
        }
    }

    @Test
    void aHolderSignsInByEmailedLinkOnceAndSeesEveryCertificateOfTheirAddress() {
        String address = "hanna.holder@" + run + ".example.org";
        String first = issue("CCXP", "Hanna Holder", address);
        String second = issue("CXSP", "Hanna Holder", address);
        String privateLink = MAILBOX.await(address, s -> s.contains(first)).link(BASE_URL + "/h/");

        Visitor visitor = new Visitor();
        EntityExchangeResult<String> form = visitor.get("/holder/sign-in");
        assertThat(form.getResponseCookies()).doesNotContainKey("SESSION");
        assertThat(visitor.get("/holder").getStatus().value()).isEqualTo(303);

        EntityExchangeResult<String> known = visitor.post("/holder/sign-in", "/holder/sign-in", Map.of("email", address));
        EntityExchangeResult<String> unknown = visitor.post("/holder/sign-in", "/holder/sign-in",
                Map.of("email", "nobody.here@" + run + ".example.org"));
        assertThat(known.getStatus().value()).isEqualTo(200);
        assertThat(unknown.getStatus().value()).isEqualTo(200);
        assertThat(sentNotice(unknown.getResponseBody()).replace("nobody.here@" + run + ".example.org", address))
            .isEqualTo(sentNotice(known.getResponseBody()));
        assertThat(visitor.cookies).doesNotContainKey("SESSION");

        Mailbox.Mail signIn = MAILBOX.await(address, s -> s.equals("Your sign-in link"));
        String link = signIn.link(BASE_URL + "/holder/sign-in/").substring(BASE_URL.length());
        assertThat(signIn.html()).contains("href=\"" + BASE_URL + link + "\"");
        assertThat(visitor.get(link).getResponseBody()).contains("id=\"sign-in\"");
        assertThat(visitor.cookies).doesNotContainKey(HolderSessionCookie.NAME);

        EntityExchangeResult<String> used = visitor.post(link, link, Map.of());
        assertThat(used.getStatus().value()).isEqualTo(303);
        assertThat(used.getResponseHeaders().getLocation()).hasToString("/holder");
        assertThat(visitor.cookies).containsKey(HolderSessionCookie.NAME);
        String area = visitor.get("/holder").getResponseBody();
        assertThat(area).contains(first).contains(second).contains(address);

        assertThat(visitor.post(link, link, Map.of()).getResponseBody()).contains("expired or was used already");
        assertThat(http.get().uri(privateLink.substring(BASE_URL.length())).exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody()).contains(first);
        assertThat(http.get().uri("/holder/certificates/{n}/certificate.pdf", first)
            .cookie(HolderSessionCookie.NAME, visitor.cookies.get(HolderSessionCookie.NAME)).exchange()
            .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF));
        http.get().uri("/holder/certificates/{n}/certificate.pdf", first).exchange().expectStatus().isNotFound();

        visitor.post("/holder/sign-out", "/holder", Map.of());
        assertThat(visitor.get("/holder").getStatus().value()).isEqualTo(303);
    }

    @Test
    void aHolderMovesToANewAddressConfirmedFromItAndNothingIsReissued() {
        String old = "marta.mover@" + run + ".example.org";
        String moved = "marta@" + run + ".new.example.org";
        String number = issue("CCXP", "Marta Mover", old);
        Visitor visitor = signedIn(old);
        String credentialBefore = http.get().uri("/api/v1/certificates/{n}/credential", number).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(visitor.post("/holder/address", "/holder", Map.of("email", "not an address")).getStatus().value())
            .isEqualTo(400);
        assertThat(visitor.post("/holder/address", "/holder", Map.of("email", moved)).getResponseHeaders().getLocation())
            .hasToString("/holder?saved=address-link");
        assertThat(visitor.get("/holder?saved=address-link").getResponseBody()).contains(old)
            .contains("Nothing changes until you open it");

        String confirm = MAILBOX.await(moved, s -> s.equals("Confirm your new e-mail address"))
            .link(BASE_URL + "/holder/address/").substring(BASE_URL.length());
        assertThat(visitor.post(confirm, confirm, Map.of()).getResponseHeaders().getLocation()).hasToString("/holder?saved=address");
        assertThat(visitor.get("/holder").getResponseBody()).contains(moved).contains(number);

        new AdminApi(http).act(number, "suspend", "Fee unpaid", null).expectStatus().isOk();
        assertThat(MAILBOX.await(moved, s -> s.endsWith("suspended")).text()).contains(number);
        assertThat(http.get().uri("/api/v1/certificates/{n}/credential", number).exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody()).isEqualTo(credentialBefore);
        assertThat(signedIn(moved).get("/holder").getResponseBody()).contains(number);
    }

    @Test
    void anAddressGetsOnlyAFewLinksPerWindowWhateverItIsAskedAndAMalformedAddressIsRefused() {
        String address = "flora.flood@" + run + ".example.org";
        issue("CCXP", "Flora Flood", address);
        Visitor visitor = new Visitor();
        for (int i = 0; i < 5; i++) {
            assertThat(visitor.post("/holder/sign-in", "/holder/sign-in", Map.of("email", address)).getResponseBody())
                .contains("a sign-in link is on its way");
        }
        MAILBOX.await(address, s -> s.equals("Your sign-in link"));
        assertThat(awaitQuiet(address)).filteredOn(m -> m.subject().equals("Your sign-in link")).hasSize(3);
        EntityExchangeResult<String> bad = visitor.post("/holder/sign-in", "/holder/sign-in", Map.of("email", "flora"));
        assertThat(bad.getStatus().value()).isEqualTo(400);
        assertThat(bad.getResponseBody()).contains("Enter the e-mail address your certificate was sent to");
    }

    @Test
    void theLinksOtherInstancesSentCountTowardsAnAddressesShare() {
        String address = "fleet.flood@" + run + ".example.org";
        issue("CCXP", "Fleet Flood", address);
        // three links sent to the address a moment ago, as other instances behind the same load balancer would have
        for (int i = 0; i < 3; i++) {
            db.sql("INSERT INTO holder_link (token_hash, purpose, email, created_at, expires_at) "
                    + "VALUES (decode(md5(random()::text), 'hex'), 'SIGN_IN', :email, now(), now() + interval '15 minutes')")
                .bind("email", address).then().block();
        }
        assertThat(new Visitor().post("/holder/sign-in", "/holder/sign-in", Map.of("email", address)).getResponseBody())
            .contains("a sign-in link is on its way");
        assertThat(awaitQuiet(address)).as("this instance sends none: the address had its share")
            .filteredOn(m -> m.subject().equals("Your sign-in link")).isEmpty();
    }

    @Test
    void theAnswerToASignInRequestIsSentBeforeTheAddressIsLookedUpSoItsTimeTellsNothing() throws Exception {
        String address = "tilda.timing@" + run + ".example.org";
        issue("CCXP", "Tilda Timing", address);
        Visitor visitor = new Visitor();
        MultiValueMap<String, String> form = csrfForm(visitor);
        form.add("email", address);
        TestDatabase db = TestDatabase.shared();
        long took;
        try (Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            // while this transaction holds the certificates, nothing can find out whether the address holds one
            sql.setAutoCommit(false);
            sql.createStatement().execute("LOCK TABLE certificate IN ACCESS EXCLUSIVE MODE");
            long start = System.nanoTime();
            EntityExchangeResult<String> answer = http.post().uri("/holder/sign-in").cookies(c -> visitor.cookies.forEach(c::add))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange().expectBody(String.class).returnResult();
            took = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer.getStatus().value()).isEqualTo(200);
            assertThat(answer.getResponseBody()).contains("a sign-in link is on its way");
            assertThat(MAILBOX.to(address)).noneMatch(m -> m.subject().equals("Your sign-in link"));
            sql.rollback();
        }
        // the database's statement timeout is 5 s: an answer that waited for the lookup took at least that long
        assertThat(took).as("milliseconds to answer while the address could not be looked up").isLessThan(2500);
        assertThat(MAILBOX.await(address, s -> s.equals("Your sign-in link")).text()).contains(BASE_URL + "/holder/sign-in/");
    }

    @Test
    void aConfirmedChangeIsToldToTheOldAddressInTheHoldersLanguageWhichTakesItBackAndEndsEverySessionOfTheNewOne() {
        String old = "olga.owner@" + run + ".example.org";
        String taken = "mallory@" + run + ".taken.example.org";
        String number = issue("CCXP", "Olga Owner", old);
        Visitor intruder = signedIn(old);
        intruder.get("/holder?lang=fr");
        intruder.post("/holder/address", "/holder", Map.of("email", taken));
        String confirm = MAILBOX.await(taken, s -> s.equals("Confirmez votre nouvelle adresse e-mail"))
            .link(BASE_URL + "/holder/address/").substring(BASE_URL.length());
        intruder.post(confirm, confirm, Map.of());
        Visitor second = signedIn(taken);
        assertThat(second.get("/holder").getResponseBody()).contains(number);

        Mailbox.Mail notice = MAILBOX.await(old, s -> s.equals("L’adresse e-mail de vos certificats a été modifiée"));
        assertThat(notice.text()).contains(taken).contains("7 jours").doesNotContain("mail.");
        String undo = notice.link(BASE_URL + "/holder/address/undo/").substring(BASE_URL.length());
        assertThat(notice.html()).contains("href=\"" + BASE_URL + undo + "\"");

        Visitor owner = new Visitor();
        assertThat(owner.get(undo).getResponseBody()).contains("id=\"undo-address\"");
        assertThat(second.get("/holder").getStatus().value()).isEqualTo(200);
        EntityExchangeResult<String> undone = owner.post(undo, undo, Map.of());
        assertThat(undone.getStatus().value()).isEqualTo(200);
        assertThat(undone.getResponseBody()).contains("reach you at <strong dir=\"auto\">" + old + "</strong> again")
            .contains("everyone signed in as <strong dir=\"auto\">" + taken + "</strong> is signed out");

        assertThat(intruder.get("/holder").getStatus().value()).isEqualTo(303);
        assertThat(second.get("/holder").getStatus().value()).isEqualTo(303);
        assertThat(signedIn(old).get("/holder").getResponseBody()).contains(number);
        new AdminApi(http).act(number, "suspend", "Fee unpaid", null).expectStatus().isOk();
        // signed in again from an English page: the holder reads English now
        assertThat(MAILBOX.await(old, s -> s.endsWith("suspended")).text()).contains(number);
        assertThat(MAILBOX.to(taken)).noneMatch(m -> m.subject().endsWith("suspended"));

        EntityExchangeResult<String> again = owner.post(undo, undo, Map.of());
        assertThat(again.getStatus().value()).isEqualTo(400);
        assertThat(again.getResponseBody()).contains("This link has expired or was used already");
        assertThat(intruder.post(confirm, confirm, Map.of()).getStatus().value()).isEqualTo(400);
    }

    @Test
    void takingAChangeBackFollowsTheCertificatesThroughALaterMoveAndThatMoveCannotPullThemBack() {
        String old = "petra.first@" + run + ".example.org";
        String first = "petra@" + run + ".first.example.org";
        String second = "petra@" + run + ".second.example.org";
        String number = issue("CCXP", "Petra First", old);
        Visitor intruder = signedIn(old);
        String confirmFirst = changeAndConfirm(intruder, first);
        assertThat(confirmFirst).isNotBlank();
        changeAndConfirm(intruder, second);
        String undoFirst = MAILBOX.await(old, s -> s.equals("Your e-mail address for certificates was changed"))
            .link(BASE_URL + "/holder/address/undo/").substring(BASE_URL.length());
        String undoSecond = MAILBOX.await(first, s -> s.equals("Your e-mail address for certificates was changed"))
            .link(BASE_URL + "/holder/address/undo/").substring(BASE_URL.length());

        Visitor owner = new Visitor();
        assertThat(owner.post(undoFirst, undoFirst, Map.of()).getResponseBody()).contains(old).contains(second);
        assertThat(intruder.get("/holder").getStatus().value()).isEqualTo(303);
        assertThat(owner.post(undoSecond, undoSecond, Map.of()).getStatus().value()).isEqualTo(400);
        assertThat(signedIn(old).get("/holder").getResponseBody()).contains(number);
    }

    @Test
    void addressChangesAreCountedPerHolderAcrossSessionsAndPerNewAddressAndARefusalSaysSo() {
        String holder = "rita.repeat@" + run + ".example.org";
        String other = "otto.other@" + run + ".example.org";
        issue("CCXP", "Rita Repeat", holder);
        issue("CCXP", "Otto Other", other);
        Visitor one = signedIn(holder);
        Visitor two = signedIn(holder);
        assertThat(changeAddress(one, "rita1@flood.example.org")).hasToString("/holder?saved=address-link");
        assertThat(changeAddress(two, "rita2@flood.example.org")).hasToString("/holder?saved=address-link");
        assertThat(changeAddress(one, "victim@" + run + ".flood.example.org")).hasToString("/holder?saved=address-link");
        EntityExchangeResult<String> refused = two.post("/holder/address", "/holder", Map.of("email", "rita4@flood.example.org"));
        assertThat(refused.getStatus().value()).isEqualTo(429);
        assertThat(refused.getResponseBody()).contains("Too many confirmation links were asked for lately")
            .contains("try again in 60 minutes").contains(holder);

        Visitor otto = signedIn(other);
        assertThat(changeAddress(otto, "victim@" + run + ".flood.example.org")).hasToString("/holder?saved=address-link");
        assertThat(changeAddress(otto, "victim@" + run + ".flood.example.org")).hasToString("/holder?saved=address-link");
        assertThat(otto.post("/holder/address", "/holder", Map.of("email", "victim@" + run + ".flood.example.org")).getStatus().value())
            .isEqualTo(429);
        MAILBOX.await("victim@" + run + ".flood.example.org", s -> s.equals("Confirm your new e-mail address"));
        assertThat(awaitQuiet("victim@" + run + ".flood.example.org")).hasSize(3);
        assertThat(MAILBOX.to("rita4@flood.example.org")).isEmpty();
    }

    private java.net.URI changeAddress(Visitor visitor, String newAddress) {
        return visitor.post("/holder/address", "/holder", Map.of("email", newAddress)).getResponseHeaders().getLocation();
    }

    /** Asks to move the visitor's address and confirms it from the new one; answers the confirmation link. */
    private String changeAndConfirm(Visitor visitor, String newAddress) {
        assertThat(changeAddress(visitor, newAddress)).hasToString("/holder?saved=address-link");
        String confirm = MAILBOX.await(newAddress, s -> s.equals("Confirm your new e-mail address"))
            .link(BASE_URL + "/holder/address/").substring(BASE_URL.length());
        assertThat(visitor.post(confirm, confirm, Map.of()).getResponseHeaders().getLocation()).hasToString("/holder?saved=address");
        return confirm;
    }

    private MultiValueMap<String, String> csrfForm(Visitor visitor) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", ConsoleSession.csrfToken(visitor.get("/holder/sign-in").getResponseBody()));
        return form;
    }

    private List<Mailbox.Mail> awaitQuiet(String address) {
        // the outbox is polled every 200 ms: two seconds let every written message arrive
        try {
            Thread.sleep(2000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return MAILBOX.to(address);
    }

    private Visitor signedIn(String address) {
        // a new sign-in link, not any new mail: another (a notice) may arrive first, and the last link would be used up
        long before = MAILBOX.to(address).stream().filter(m -> m.subject().equals("Your sign-in link")).count();
        Visitor visitor = new Visitor();
        visitor.post("/holder/sign-in", "/holder/sign-in", Map.of("email", address));
        Mailbox.Mail mail = MAILBOX.await(address, s -> s.equals("Your sign-in link")
                && MAILBOX.to(address).stream().filter(m -> m.subject().equals("Your sign-in link")).count() > before);
        String link = mail.link(BASE_URL + "/holder/sign-in/").substring(BASE_URL.length());
        visitor.post(link, link, Map.of());
        return visitor;
    }

    private String issue(String program, String name, String email) {
        @SuppressWarnings("unchecked")
        Map<String, Object> issued = http.post().uri("/api/v1/admin/certificates")
            .headers(h -> h.setBasicAuth("admin", "registry-dev-admin"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", program, "holder", Map.of("name", name, "email", email)))
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) issued.get("number");
    }

    private static String sentNotice(String page) {
        return page.replaceAll("(?s).*(<p class=\"notice saved\" role=\"status\" id=\"sent\">.*?</p>).*", "$1");
    }

    /** The holder area's cookie name, as the browser sees it. */
    static final class HolderSessionCookie {
        static final String NAME = "holder_session";
    }
}
