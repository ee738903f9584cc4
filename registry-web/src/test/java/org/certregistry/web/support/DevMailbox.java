package org.certregistry.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The development mailbox as the newcomer reads it: signed in to the console as an admin. With no
 * SMTP server configured it is the only place a kept message's private link can be read (the
 * outbox holds it sealed).
 */
public final class DevMailbox {

    private DevMailbox() {
    }

    /** The newest kept message of {@code kind} to {@code recipient}, as the mailbox shows it to an admin. */
    public static String newest(WebTestClient http, DatabaseClient db, String recipient, String kind) {
        UUID id = awaitNewest(db, recipient, kind);
        String session = ConsoleSession.signIn(http, "admin", "registry-dev-admin");
        return ConsoleSession.page(http, session, "/admin/dev/mailbox/{id}", id).html();
    }

    /**
     * The id of the newest message of {@code kind} to {@code recipient}, waiting (at most 10 s) for one: a sign-in link
     * is written only once the page has answered.
     */
    public static UUID awaitNewest(DatabaseClient db, String recipient, String kind) {
        long giveUp = System.nanoTime() + 10_000_000_000L;
        while (true) {
            UUID id = db.sql("SELECT id FROM mail_message WHERE recipient = :r AND kind = :k ORDER BY created_at DESC LIMIT 1")
                .bind("r", recipient).bind("k", kind).map(row -> row.get(0, UUID.class)).one().block();
            if (id != null || System.nanoTime() > giveUp) {
                assertThat(id).as("a %s message to %s", kind, recipient).isNotNull();
                return id;
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

    /** The path of the first link in {@code page} that starts with {@code baseUrl + prefix}. */
    public static String link(String page, String baseUrl, String prefix) {
        Matcher link = Pattern.compile(Pattern.quote(baseUrl) + "(" + Pattern.quote(prefix) + "[A-Za-z0-9_-]+)").matcher(page);
        assertThat(link.find()).as("a link starting %s in the mailbox", prefix).isTrue();
        return link.group(1);
    }
}
