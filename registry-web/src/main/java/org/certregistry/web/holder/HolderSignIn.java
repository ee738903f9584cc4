package org.certregistry.web.holder;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import org.certregistry.web.certificate.HolderAddresses;
import org.certregistry.web.certificate.HolderLinks;
import org.certregistry.web.mail.MailKind;
import org.certregistry.web.mail.Outbox;
import org.certregistry.web.mail.OutgoingMail;
import org.certregistry.web.mail.PrivateLink;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Sign-in without passwords: a single-use, short-lived link by e-mail opens a session for that
 * address (the session token lives in a cookie; links and sessions are stored as SHA-256 only).
 * The signed-in holder may move their certificates to another address, confirmed from it.
 */
@Service
public class HolderSignIn {

    /** What a request for a link came to; the holder is told the same in every case. */
    public enum Requested { SENT, UNKNOWN_ADDRESS, ADDRESS_THROTTLED }

    private final DatabaseClient db;
    private final HolderAddresses addresses;
    private final Outbox outbox;
    private final SignInProperties properties;
    private final SignInThrottle throttle;
    private final RegistryUrls urls;
    private final BlockingWork blocking;
    private final TransactionalOperator transaction;
    private final Clock clock;

    HolderSignIn(DatabaseClient db, HolderAddresses addresses, Outbox outbox, SignInProperties properties, SignInThrottle throttle,
            RegistryUrls urls, BlockingWork blocking, ReactiveTransactionManager transactions, Clock clock) {
        this.db = db;
        this.addresses = addresses;
        this.outbox = outbox;
        this.properties = properties;
        this.throttle = throttle;
        this.urls = urls;
        this.blocking = blocking;
        this.transaction = TransactionalOperator.create(transactions);
        this.clock = clock;
    }

    /** Whether {@code client} may ask for another link now. */
    public boolean clientMay(String client) {
        return throttle.clientMay(client);
    }

    /**
     * E-mails a sign-in link if {@code email} holds a certificate (and has not had too many links lately), in the
     * language of the page it was asked from.
     */
    public Mono<Requested> requestLink(String email, Locale language) {
        return addresses.known(email).flatMap(known -> {
            if (!known) {
                return Mono.just(Requested.UNKNOWN_ADDRESS);
            }
            if (!throttle.addressMay(email)) {
                return Mono.just(Requested.ADDRESS_THROTTLED);
            }
            return newToken().flatMap(token -> storeLink(token, "SIGN_IN", email, null, properties.linkLifetime().toSeconds())
                .then(outbox.enqueue(OutgoingMail.of(MailKind.SIGN_IN, email, language, Map.of("signInLink",
                        new PrivateLink(urls.holderSignInLink(token)), "minutes", properties.linkLifetime().toMinutes()))))
                .as(transaction::transactional)
                .thenReturn(Requested.SENT));
        });
    }

    /**
     * Uses a sign-in link (once) and answers a new session token, or empty if the link is unknown, used or expired.
     * The holder signed in reading {@code language}: their e-mails are written in it from now on.
     */
    public Mono<String> signIn(String linkToken, Locale language) {
        return use(linkToken, "SIGN_IN").flatMap(link -> newToken().flatMap(session -> db.sql(
                "INSERT INTO holder_session (token_hash, email, created_at, expires_at) VALUES (:hash, :email, :now, :expires)")
            .bind("hash", HolderLinks.hash(session)).bind("email", link.email()).bind("now", now())
            .bind("expires", now().plus(properties.sessionLifetime()))
            .then().then(addresses.rememberLanguage(link.email(), language))
            .thenReturn(session)))
            .as(transaction::transactional);
    }

    /** The address a session token is signed in as, or empty. */
    public Mono<String> session(String sessionToken) {
        if (!HolderLinks.wellFormed(sessionToken)) {
            return Mono.empty();
        }
        return db.sql("SELECT email FROM holder_session WHERE token_hash = :hash AND expires_at > :now")
            .bind("hash", HolderLinks.hash(sessionToken)).bind("now", now()).map(row -> row.get(0, String.class)).one();
    }

    public Mono<Void> signOut(String sessionToken) {
        if (!HolderLinks.wellFormed(sessionToken)) {
            return Mono.empty();
        }
        return db.sql("DELETE FROM holder_session WHERE token_hash = :hash").bind("hash", HolderLinks.hash(sessionToken)).then();
    }

    /** E-mails a confirmation link to {@code newEmail}, in {@code language}; nothing moves until it is used. */
    public Mono<Void> requestAddressChange(String email, String newEmail, Locale language) {
        if (!throttle.addressMay(newEmail)) {
            return Mono.empty();
        }
        return newToken().flatMap(token -> storeLink(token, "ADDRESS", email, newEmail, properties.addressLinkLifetime().toSeconds())
            .then(outbox.enqueue(OutgoingMail.of(MailKind.ADDRESS_CONFIRMATION, newEmail, language, Map.of("confirmLink",
                    new PrivateLink(urls.holderAddressConfirmation(token)), "hours", properties.addressLinkLifetime().toHours()))))
            .as(transaction::transactional)).then();
    }

    /**
     * Uses an address link (once): every certificate reached at the old address is reached at
     * the new one from now on, and the sessions of the old address follow. Answers the new address.
     */
    public Mono<String> confirmAddress(String linkToken) {
        return use(linkToken, "ADDRESS").flatMap(link -> addresses.move(link.email(), link.newEmail())
            .then(db.sql("UPDATE holder_session SET email = :to WHERE lower(email) = lower(:from)")
                .bind("from", link.email()).bind("to", link.newEmail()).then())
            .thenReturn(link.newEmail()))
            .as(transaction::transactional);
    }

    private record Link(String email, String newEmail) {
    }

    /** Marks a link used if it is unused, unexpired and of this purpose; a second use finds nothing. */
    private Mono<Link> use(String token, String purpose) {
        if (!HolderLinks.wellFormed(token)) {
            return Mono.empty();
        }
        return db.sql("UPDATE holder_link SET used_at = :now WHERE token_hash = :hash AND purpose = :purpose "
                + "AND used_at IS NULL AND expires_at > :now RETURNING email, new_email")
            .bind("hash", HolderLinks.hash(token)).bind("purpose", purpose).bind("now", now())
            .map(row -> new Link(row.get("email", String.class), row.get("new_email", String.class))).one();
    }

    private Mono<Void> storeLink(String token, String purpose, String email, String newEmail, long lifetimeSeconds) {
        var spec = db.sql("INSERT INTO holder_link (token_hash, purpose, email, new_email, created_at, expires_at) "
                + "VALUES (:hash, :purpose, :email, :newEmail, :now, :expires)")
            .bind("hash", HolderLinks.hash(token)).bind("purpose", purpose).bind("email", email)
            .bind("now", now()).bind("expires", now().plusSeconds(lifetimeSeconds));
        return (newEmail == null ? spec.bindNull("newEmail", String.class) : spec.bind("newEmail", newEmail)).then();
    }

    /** SecureRandom may read /dev/urandom: off the event loop. */
    private Mono<String> newToken() {
        return blocking.run(HolderLinks::newToken);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
