package org.certregistry.web.holder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sign-in without passwords: a single-use, short-lived link by e-mail opens a session for that
 * address (the session token lives in a cookie; links and sessions are stored as SHA-256 only).
 * The signed-in holder may move their certificates to another address, confirmed from it; the old address is told and
 * may take the change back for a while.
 *
 * <p>Over 250 lines: sign-in links, sessions, address changes and their undo share one table of
 * single-use links ({@code holder_link}), one advisory lock per address and one way of using a link
 * once; apart, each would have to repeat them.
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
            // counted from holder_link under a lock on the address: the limit holds across instances and at once
            return newToken().flatMap(token -> lock(email, email).then(signInsLately(email)).flatMap(tooMany -> tooMany
                    ? Mono.just(Requested.ADDRESS_THROTTLED)
                    : storeLink(token, "SIGN_IN", email, null, null, properties.linkLifetime())
                        .then(outbox.enqueue(OutgoingMail.of(MailKind.SIGN_IN, email, language, Map.of("signInLink",
                                new PrivateLink(urls.holderSignInLink(token)), "minutes", properties.linkLifetime().toMinutes()))))
                        .thenReturn(Requested.SENT))
                .as(transaction::transactional));
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

    /** What a request to move to another address came to. */
    public enum ChangeRequested {
        /** A confirmation link is on its way to the new address. */
        SENT,
        /** The holder's address, or the new one, has had its share of links lately: nothing was sent. */
        TOO_MANY
    }

    /**
     * E-mails a confirmation link to {@code newEmail}, in {@code language}; nothing moves until it is used. Refused
     * once the holder's address (all its sessions together) or the new address has had its share of links in the last
     * {@code changeWindow}: counted from {@code holder_link} in PostgreSQL, so the limit holds across instances, and
     * under a transaction-scoped lock on both addresses, so simultaneous requests cannot all pass the count.
     */
    public Mono<ChangeRequested> requestAddressChange(String email, String newEmail, Locale language) {
        return newToken().flatMap(token -> lock(email, newEmail).then(changesLately(email, newEmail)).flatMap(tooMany -> tooMany
                ? Mono.just(ChangeRequested.TOO_MANY)
                : storeLink(token, "ADDRESS", email, newEmail, null, properties.addressLinkLifetime())
                    .then(outbox.enqueue(OutgoingMail.of(MailKind.ADDRESS_CONFIRMATION, newEmail, language, Map.of("confirmLink",
                            new PrivateLink(urls.holderAddressConfirmation(token)), "hours",
                            properties.addressLinkLifetime().toHours()))))
                    .thenReturn(ChangeRequested.SENT))
            .as(transaction::transactional));
    }

    /** Serialises address-change requests touching either address, in one order so two requests cannot deadlock. */
    private Mono<Void> lock(String email, String newEmail) {
        return Flux.fromStream(Stream.of(email, newEmail).map(a -> a.toLowerCase(Locale.ROOT)).distinct().sorted())
            .concatMap(address -> db.sql("SELECT pg_advisory_xact_lock(hashtextextended('holder-address:' || :address, 0))")
                .bind("address", address).then())
            .then();
    }

    /** Whether {@code email} has been sent as many sign-in links as allowed in the last {@code window}, by any instance. */
    private Mono<Boolean> signInsLately(String email) {
        return db.sql("SELECT count(*) FROM holder_link WHERE purpose = 'SIGN_IN' AND lower(email) = lower(:email) "
                + "AND created_at > :since")
            .bind("email", email).bind("since", now().minus(properties.window()))
            .map(row -> row.get(0, Long.class) >= properties.perAddress()).one();
    }

    /** Whether {@code email} has asked, or {@code newEmail} has been sent, as many address links as allowed lately. */
    private Mono<Boolean> changesLately(String email, String newEmail) {
        return db.sql("SELECT count(*) FILTER (WHERE lower(email) = lower(:from)) AS asked, "
                + "count(*) FILTER (WHERE lower(new_email) = lower(:to)) AS sent FROM holder_link "
                + "WHERE purpose = 'ADDRESS' AND created_at > :since AND (lower(email) = lower(:from) OR lower(new_email) = lower(:to))")
            .bind("from", email).bind("to", newEmail).bind("since", now().minus(properties.changeWindow()))
            .map(row -> row.get("asked", Long.class) >= properties.changesFrom() || row.get("sent", Long.class) >= properties.changesTo())
            .one();
    }

    /**
     * Uses an address link (once): every certificate reached at the old address is reached at the new one from now on,
     * and the sessions of the old address follow. Links the old address asked for to other addresses are void, and the
     * old address is told, in the holder's language, with a link that takes the change back for
     * {@code undoLinkLifetime}. Answers the new address.
     */
    public Mono<String> confirmAddress(String linkToken) {
        return newToken().flatMap(undo -> use(linkToken, "ADDRESS").flatMap(link -> addresses.languageAt(link.email())
            .flatMap(language -> addresses.move(link.email(), link.newEmail())
                .flatMap(moved -> db.sql("UPDATE holder_session SET email = :to WHERE lower(email) = lower(:from)")
                    .bind("from", link.email()).bind("to", link.newEmail()).then()
                    .then(db.sql("UPDATE holder_link SET used_at = :now WHERE purpose = 'ADDRESS' AND used_at IS NULL "
                            + "AND lower(email) = lower(:from)")
                        .bind("now", now()).bind("from", link.email()).then())
                    .then(moved.isEmpty() ? Mono.empty() : told(undo, link, moved, language))))
            .thenReturn(link.newEmail()))
            .as(transaction::transactional));
    }

    /** The old address learns of the change, with the one link that takes it back. */
    private Mono<Void> told(String undo, Link link, List<UUID> moved, Locale language) {
        return storeLink(undo, "ADDRESS_UNDO", link.newEmail(), link.email(), moved, properties.undoLinkLifetime())
            .then(outbox.enqueue(OutgoingMail.of(MailKind.ADDRESS_CHANGED, link.email(), language, Map.of("undoLink",
                    new PrivateLink(urls.holderAddressUndo(undo)), "newAddress", link.newEmail(), "days",
                    properties.undoLinkLifetime().toDays()))))
            .then();
    }

    /**
     * What taking a change back came to: the address the certificates are reached at again, and the addresses whose
     * sessions were ended.
     */
    public record Undone(String address, List<String> signedOut) {

        public Undone {
            signedOut = List.copyOf(signedOut);
        }
    }

    /**
     * Uses an undo link (once): the certificates that moved come back to the old address wherever they are reached now,
     * every session of the address they were at (and of the address they had moved to) ends, and the undo links of later
     * moves of them close, so whoever moved them cannot pull them back. An undo link of an earlier move stays open:
     * the first holder keeps the last word. Answers empty if the link is unknown, used or expired.
     */
    public Mono<Undone> undoAddressChange(String linkToken) {
        if (!HolderLinks.wellFormed(linkToken)) {
            return Mono.empty();
        }
        return db.sql("UPDATE holder_link SET used_at = :now WHERE token_hash = :hash AND purpose = 'ADDRESS_UNDO' "
                + "AND used_at IS NULL AND expires_at > :now RETURNING email, new_email, certificates, created_at")
            .bind("hash", HolderLinks.hash(linkToken)).bind("now", now())
            .map(row -> new UndoLink(row.get("email", String.class), row.get("new_email", String.class),
                    List.of(row.get("certificates", UUID[].class)), row.get("created_at", Instant.class)))
            .one()
            .flatMap(link -> addresses.moveBack(link.certificates(), link.back()).flatMap(wereAt -> {
                List<String> signedOut = Stream.concat(wereAt.stream(), Stream.of(link.movedTo()))
                    .map(a -> a.toLowerCase(Locale.ROOT)).filter(a -> !a.equals(link.back().toLowerCase(Locale.ROOT)))
                    .distinct().sorted().toList();
                return db.sql("DELETE FROM holder_session WHERE lower(email) = ANY(:addresses)")
                    .bind("addresses", signedOut.toArray(String[]::new)).then()
                    .then(db.sql("UPDATE holder_link SET used_at = :now WHERE purpose = 'ADDRESS_UNDO' AND used_at IS NULL "
                            + "AND certificates && :ids AND created_at >= :since")
                        .bind("now", now()).bind("ids", link.certificates().toArray(UUID[]::new)).bind("since", link.createdAt())
                        .then())
                    .thenReturn(new Undone(link.back(), signedOut));
            }))
            .as(transaction::transactional);
    }

    private record UndoLink(String movedTo, String back, List<UUID> certificates, Instant createdAt) {
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

    private Mono<Void> storeLink(String token, String purpose, String email, String newEmail, List<UUID> certificates,
            Duration lifetime) {
        var spec = db.sql("INSERT INTO holder_link (token_hash, purpose, email, new_email, certificates, created_at, expires_at) "
                + "VALUES (:hash, :purpose, :email, :newEmail, :certificates, :now, :expires)")
            .bind("hash", HolderLinks.hash(token)).bind("purpose", purpose).bind("email", email)
            .bind("now", now()).bind("expires", now().plus(lifetime));
        spec = newEmail == null ? spec.bindNull("newEmail", String.class) : spec.bind("newEmail", newEmail);
        spec = certificates == null ? spec.bindNull("certificates", UUID[].class)
                : spec.bind("certificates", certificates.toArray(UUID[]::new));
        return spec.then();
    }

    /** SecureRandom may read /dev/urandom: off the event loop. */
    private Mono<String> newToken() {
        return blocking.run(HolderLinks::newToken);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
