package org.certregistry.web.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.MailIntegrationTest;
import org.certregistry.web.support.Mailbox;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The outbox against a real SMTP server: what the registry writes is read back from the server,
 * once per message however many senders claim at once, retried while the server is away, and
 * given up with the reason when it can never go.
 */
class OutboxDeliveryTest extends MailIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxSender sender;

    @Autowired
    OutboxRepository repository;

    @Autowired
    JavaMailSender smtp;

    @Autowired
    ExpiryReminders reminders;

    @Autowired
    DatabaseClient db;

    @Test
    void anIssuedCertificateIsEmailedToItsHolderWithThePrivateLinkInTextAndHtml() {
        String number = new AdminApi(http).issue("CCXP", "Mira Mailtest", null);
        Mailbox.Mail mail = MAILBOX.await("miramailtest@example.org", s -> s.contains(number));

        assertThat(mail.subject()).isEqualTo("CCXP certificate " + number + " issued");
        String privateLink = mail.link(BASE_URL + "/h/");
        assertThat(mail.html()).contains("href=\"" + privateLink + "\"");
        assertThat(mail.text()).contains("Dear Mira Mailtest,").contains(BASE_URL + "/v/" + number);
        http.get().uri(privateLink.substring(BASE_URL.length())).exchange().expectStatus().isOk()
            .expectBody(String.class).value(page -> assertThat(page).contains(number));

        Map<String, Object> stored = awaitMessage("miramailtest@example.org", m -> "SENT".equals(m.get("status")));
        assertThat(stored).containsEntry("kind", "issued").containsEntry("certificate", number).containsEntry("attempts", 1);
    }

    @Test
    void suspensionReinstatementAndRevocationAreEachEmailedToTheHolderWithoutTheInternalReason() {
        AdminApi admin = new AdminApi(http);
        String number = admin.issue("CCXP", "Sasha Statechange", null);
        String address = "sashastatechange@example.org";
        admin.act(number, "suspend", "Unpaid fee", null).expectStatus().isOk();
        Mailbox.Mail suspended = MAILBOX.await(address, s -> s.endsWith("suspended"));
        assertThat(suspended.text() + suspended.html()).contains(number).doesNotContain("Unpaid fee");
        admin.act(number, "reinstate", null, null).expectStatus().isOk();
        assertThat(MAILBOX.await(address, s -> s.endsWith("reinstated")).text()).contains("in force again");
        admin.act(number, "revoke", "Exam misconduct", null).expectStatus().isOk();
        Mailbox.Mail revoked = MAILBOX.await(address, s -> s.endsWith("revoked"));
        assertThat(revoked.text() + revoked.html()).contains(number).doesNotContain("Exam misconduct");
        assertThat(MAILBOX.to(address)).extracting(Mailbox.Mail::subject).hasSize(4);
    }

    @Test
    void eachMessageGoesOutOnceWhenSeveralSendersClaimAtTheSameTime() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> addresses = IntStream.range(0, 20).mapToObj(i -> "burst-" + run + "-" + i + "@example.org").toList();
        outbox.enqueueAll(addresses.stream().map(a -> signIn(a)).toList()).block();

        // four more senders besides the background one, all claiming at once, as four instances would
        Flux.range(0, 4).flatMap(i -> sender.sendDue(smtp).subscribeOn(Schedulers.parallel())).blockLast(Duration.ofSeconds(60));
        addresses.forEach(a -> awaitMessage(a, m -> "SENT".equals(m.get("status"))));

        assertThat(addresses).allSatisfy(a -> assertThat(MAILBOX.to(a)).hasSize(1));
    }

    @Test
    void aMessageRefusedWhileTheServerIsAwayIsRetriedWithBackOffAndSentWhenItReturns() throws Exception {
        String address = "retry-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        SMTP.stop();
        try {
            outbox.enqueue(signIn(address)).block();
            Map<String, Object> failing = awaitMessage(address, m -> ((Integer) m.get("attempts")) >= 2);
            assertThat(failing.get("status")).isEqualTo("PENDING");
            assertThat((String) failing.get("lastError")).containsIgnoringCase("connect");
            assertThat(Instant.parse((String) failing.get("nextAttemptAt"))).isNotNull();
            // waiting to go, the link is only sealed: neither body nor any column holds it
            assertThat(db.sql("SELECT text_body || html_body || sealed_link FROM mail_message WHERE recipient = :r")
                .bind("r", address).map(row -> row.get(0, String.class)).one().block())
                .contains("s1.").doesNotContain("sign-in/abc");
        }
        finally {
            SMTP.start();
        }
        assertThat(MAILBOX.await(address, s -> s.equals("Your sign-in link")).text()).contains("/holder/sign-in/abc");
        Map<String, Object> sent = awaitMessage(address, m -> "SENT".equals(m.get("status")));
        assertThat(sent.get("lastError")).isNull();
    }

    @Test
    void aMessageToAnImpossibleAddressFailsAtOnceAndSaysWhy() {
        String address = "nobody at all " + UUID.randomUUID();
        outbox.enqueue(signIn(address)).block();
        Map<String, Object> failed = awaitMessage(address, m -> "FAILED".equals(m.get("status")));
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat((String) failed.get("lastError")).containsIgnoringCase("address");
    }

    @Test
    void aReminderBeforeTheEndOfTheCycleIsWrittenOnceHoweverManyTimesAndPlacesTheJobRuns() {
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(2).plusDays(20);
        String name = "Rita " + TestCertificates.uniqueSurname();
        String address = name.toLowerCase().replaceAll("[^a-z]", "") + "@example.org";
        String number = new AdminApi(http).issue("CCXP", name, awarded);

        Flux.range(0, 3).flatMap(i -> reminders.remind().subscribeOn(Schedulers.parallel())).blockLast(Duration.ofSeconds(60));
        reminders.remind().block(Duration.ofSeconds(60));

        Mailbox.Mail reminder = MAILBOX.await(address, s -> s.contains("renewal due in"));
        assertThat(reminder.subject()).startsWith("CCXP certificate " + number + ": renewal due in 2");
        assertThat(reminder.text()).contains("Renewal needs 20 continuing education units");
        assertThat(messages(address)).filteredOn(m -> "expiry-reminder".equals(m.get("kind"))).hasSize(1);
    }

    @Test
    void aSignInLinkLeavesWithinSecondsWhileABacklogOfIssuanceNoticesDrains() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant due = Instant.now().minusSeconds(60);
        // a cohort's issuance notices, queued while the SMTP server was away and now due all at once
        List<OutboxRepository.NewMessage> backlog = IntStream.range(0, 5_000).mapToObj(i -> stored(MailKind.ISSUED,
                "bulk-" + run + "-" + i + "@example.org", due)).toList();
        sender.stop();
        try {
            repository.insertAll(backlog).block();
        }
        finally {
            sender.startPolling();
        }
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String address = "waiting-" + run + "-" + i + "@example.org";
            long asked = System.nanoTime();
            outbox.enqueue(signIn(address)).block();
            MAILBOX.await(address, subject -> subject.equals("Your sign-in link"));
            waits.add((System.nanoTime() - asked) / 1_000_000);
            long bulkSent = Arrays.stream(SMTP.getReceivedMessages()).filter(m -> recipient(m).startsWith("bulk-" + run)).count();
            assertThat(bulkSent).as("sign-in %d left before the backlog queued ahead of it had drained", i)
                .isLessThan(backlog.size());
        }
        // what is left of the backlog would hold up the reminders later tests wait for: it has made its point
        db.sql("DELETE FROM mail_message WHERE status = 'PENDING' AND recipient LIKE :bulk").bind("bulk", "bulk-" + run + "-%")
            .then().block();
        waits.sort(null);
        System.out.printf("Sign-in links with %d issuance notices queued ahead: waits %s ms (p95 %d ms)%n", backlog.size(),
                waits, waits.get((int) Math.ceil(0.95 * waits.size()) - 1));
    }

    private static String recipient(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString();
        }
        catch (jakarta.mail.MessagingException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void aSignInLinkIsClaimedBeforeAnOlderBacklogOfReminders() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // older than anything other tests leave pending, so only the order of kinds decides
        Instant longAgo = Instant.parse("2000-01-01T00:00:00Z");
        List<OutboxRepository.NewMessage> backlog = IntStream.range(0, 30).mapToObj(i -> stored(MailKind.EXPIRY_REMINDER,
                "backlog-" + run + "-" + i + "@example.org", longAgo.plusSeconds(i))).toList();
        OutboxRepository.NewMessage signIn = stored(MailKind.SIGN_IN, "waiting-" + run + "@example.org", longAgo.plusSeconds(3600));
        sender.stop();
        try {
            repository.insertAll(backlog).block();
            repository.insertAll(List.of(signIn)).block();
            List<MailMessage> first = repository.claimDue(Instant.now(), 1, Instant.now().plusSeconds(1), Integer.MAX_VALUE).collectList().block();
            assertThat(first).extracting(MailMessage::recipient).containsExactly(signIn.message().recipient());
        }
        finally {
            sender.startPolling();
        }
    }

    private static OutboxRepository.NewMessage stored(MailKind kind, String address, Instant due) {
        return new OutboxRepository.NewMessage(new MailMessage(UUID.randomUUID(), kind, address, "en", "Subject", "Text", "<p>Html</p>",
                null, MailStatus.PENDING, 0, due, null, due, null, null), null);
    }

    private OutgoingMail signIn(String address) {
        return OutgoingMail.of(MailKind.SIGN_IN, address, Locale.ENGLISH,
                Map.of("minutes", 15, "signInLink", new PrivateLink(BASE_URL + "/holder/sign-in/abc")));
    }

    private List<Map<String, Object>> messages(String recipient) {
        return http.get().uri(u -> u.path("/api/v1/admin/mail").queryParam("recipient", recipient).build())
            .headers(h -> h.setBasicAuth("auditor", "registry-dev-auditor"))
            .exchange().expectStatus().isOk()
            .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
            }).returnResult().getResponseBody();
    }

    /** Waits (at most 30 s) until the outbox's message to {@code recipient} satisfies {@code condition}. */
    private Map<String, Object> awaitMessage(String recipient, Predicate<Map<String, Object>> condition) {
        Instant giveUp = Instant.now().plusSeconds(30);
        List<Map<String, Object>> last = List.of();
        while (Instant.now().isBefore(giveUp)) {
            last = messages(recipient);
            if (!last.isEmpty() && condition.test(last.get(0))) {
                return last.get(0);
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
        throw new AssertionError("The outbox's message to " + recipient + " never got there: " + last);
    }
}
