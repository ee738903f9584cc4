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
        UUID id = db.sql("SELECT id FROM mail_message WHERE recipient = :r AND kind = :k ORDER BY created_at DESC LIMIT 1")
            .bind("r", recipient).bind("k", kind).map(row -> row.get(0, UUID.class)).one().block();
        assertThat(id).as("a %s message to %s", kind, recipient).isNotNull();
        String session = ConsoleSession.signIn(http, "admin", "registry-dev-admin");
        return ConsoleSession.page(http, session, "/admin/dev/mailbox/{id}", id).html();
    }

    /** The path of the first link in {@code page} that starts with {@code baseUrl + prefix}. */
    public static String link(String page, String baseUrl, String prefix) {
        Matcher link = Pattern.compile(Pattern.quote(baseUrl) + "(" + Pattern.quote(prefix) + "[A-Za-z0-9_-]+)").matcher(page);
        assertThat(link.find()).as("a link starting %s in the mailbox", prefix).isTrue();
        return link.group(1);
    }
}
