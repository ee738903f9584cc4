package org.certregistry.web.wallet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.HolderAddresses;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.mail.MailKind;
import org.certregistry.web.mail.Outbox;
import org.certregistry.web.mail.OutgoingMail;
import org.certregistry.web.mail.PrivateLink;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Offers of a certificate to a wallet (OpenID4VCI 1.0 pre-authorized code flow). The holder asks for one on the
 * private page; the transaction code goes to the holder's address through the outbox, in the offer's transaction;
 * the wallet reads the offer by reference and redeems its pre-authorized code once, with the transaction code,
 * within {@link WalletProperties#offerLifetime()}, for an access token. Only hashes are stored
 * ({@link WalletSecrets}); single use is the database's: {@code UPDATE ... WHERE redeemed_at IS NULL RETURNING}.
 */
@Service
public class CredentialOffers {

    /** An offer just made: its handle (the last segment of its {@code credential_offer_uri}) and end. */
    public record NewOffer(String handle, Instant expiresAt) {
    }

    /** A live offer as a wallet reads it: the certificate's pre-authorized code. */
    public record OfferDocument(String preAuthorizedCode) {
    }

    /** A redeemed offer's access token, and how long it works. */
    public record AccessToken(String token, Duration lifetime) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Certificates certificates;
    private final HolderAddresses addresses;
    private final Outbox outbox;
    private final WalletProperties properties;
    private final Clock clock;

    CredentialOffers(DatabaseClient db, ReactiveTransactionManager transactions, Certificates certificates,
            HolderAddresses addresses, Outbox outbox, WalletProperties properties, Clock clock) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.certificates = certificates;
        this.addresses = addresses;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
        WalletSecrets.seed();
    }

    /** Whether the certificate may go to a wallet now: only a valid one (not suspended, revoked, expired or lapsed). */
    public boolean offerable(Certificate certificate) {
        return certificate.publicStatus(clock.instant(), certificates.program(certificate).renewal().gracePeriod())
                == PublicStatus.VALID;
    }

    /** Makes an offer of {@code certificate} and mails its transaction code to the holder, in one transaction. */
    public Mono<NewOffer> make(Certificate certificate) {
        if (!offerable(certificate)) {
            return Mono.error(new IllegalStateException("Certificate " + certificate.number() + " is "
                    + certificate.state() + " and cannot be offered to a wallet"));
        }
        String handle = WalletSecrets.random();
        String code = WalletSecrets.preAuthorizedCode(handle);
        String txCode = WalletSecrets.digits(properties.txCodeLength());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expires = now.plus(properties.offerLifetime());
        Mono<Void> insert = db.sql("INSERT INTO wallet_offer (id, certificate_number, handle_hash, code_hash, tx_code_hash, "
                + "created_at, expires_at) VALUES (:id, :number, :handle, :code, :tx, :now, :expires)")
            .bind("id", WalletSecrets.uuid()).bind("number", certificate.number())
            .bind("handle", WalletSecrets.sha256(handle)).bind("code", WalletSecrets.sha256(code))
            .bind("tx", WalletSecrets.txCodeHash(code, txCode)).bind("now", now).bind("expires", expires)
            .then();
        Mono<Boolean> mail = addresses.contactOf(certificate).flatMap(contact -> outbox.enqueue(
                OutgoingMail.of(MailKind.WALLET_CODE, contact.address(), contact.language(),
                        Map.of("txCode", new PrivateLink(txCode), "minutes", properties.offerLifetime().toMinutes(),
                                "number", certificate.number()))
                    .about(certificate.number())));
        return transaction.transactional(insert.then(mail)).thenReturn(new NewOffer(handle, expires));
    }

    /** The live offer (not redeemed, not expired, not dead of wrong codes) of {@code certificate} with this handle. */
    public Mono<NewOffer> live(Certificate certificate, String handle) {
        if (!WalletSecrets.wellFormed(handle)) {
            return Mono.empty();
        }
        return db.sql("SELECT expires_at FROM wallet_offer WHERE handle_hash = :handle AND certificate_number = :number "
                + "AND redeemed_at IS NULL AND expires_at > :now AND failed_attempts < :max")
            .bind("handle", WalletSecrets.sha256(handle)).bind("number", certificate.number())
            .bind("now", clock.instant()).bind("max", properties.maxTxCodeAttempts())
            .map(row -> new NewOffer(handle, row.get(0, Instant.class))).one();
    }

    /** The offer document behind a {@code credential_offer_uri}, while the offer is live; empty otherwise. */
    public Mono<OfferDocument> document(String handle) {
        if (!WalletSecrets.wellFormed(handle)) {
            return Mono.empty();
        }
        return db.sql("SELECT 1 FROM wallet_offer WHERE handle_hash = :handle AND redeemed_at IS NULL AND expires_at > :now "
                + "AND failed_attempts < :max")
            .bind("handle", WalletSecrets.sha256(handle)).bind("now", clock.instant())
            .bind("max", properties.maxTxCodeAttempts())
            .map(row -> new OfferDocument(WalletSecrets.preAuthorizedCode(handle))).one();
    }

    /**
     * Redeems a pre-authorized code with its transaction code, once, for an access token; {@code invalid_grant} for an
     * unknown, expired, used or dead code or a wrong transaction code (which counts against the offer).
     */
    public Mono<AccessToken> redeem(String code, String txCode) {
        if (!WalletSecrets.wellFormed(code)) {
            return Mono.error(WalletError.of(WalletError.INVALID_GRANT, "The pre-authorized code is not valid"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        byte[] codeHash = WalletSecrets.sha256(code);
        byte[] txHash = WalletSecrets.txCodeHash(code, txCode);
        String token = WalletSecrets.random();
        Mono<AccessToken> redeemed = db.sql("UPDATE wallet_offer SET redeemed_at = :now WHERE code_hash = :code "
                + "AND tx_code_hash = :tx AND redeemed_at IS NULL AND expires_at > :now AND failed_attempts < :max "
                + "RETURNING id, certificate_number")
            .bind("now", now).bind("code", codeHash).bind("tx", txHash).bind("max", properties.maxTxCodeAttempts())
            .map(row -> Map.entry(row.get("id", UUID.class), row.get("certificate_number", String.class))).one()
            .flatMap(offer -> db.sql("INSERT INTO wallet_access_token (token_hash, offer_id, certificate_number, created_at, "
                    + "expires_at) VALUES (:token, :offer, :number, :now, :expires)")
                .bind("token", WalletSecrets.sha256(token)).bind("offer", offer.getKey()).bind("number", offer.getValue())
                .bind("now", now).bind("expires", now.plus(properties.tokenLifetime()))
                .then()
                .thenReturn(new AccessToken(token, properties.tokenLifetime())));
        return transaction.transactional(redeemed)
            .switchIfEmpty(Mono.defer(() -> db.sql("UPDATE wallet_offer SET failed_attempts = failed_attempts + 1 "
                    + "WHERE code_hash = :code AND tx_code_hash <> :tx AND redeemed_at IS NULL AND expires_at > :now")
                .bind("code", codeHash).bind("tx", txHash).bind("now", now).then()
                .then(Mono.error(WalletError.of(WalletError.INVALID_GRANT,
                        "The pre-authorized code is unknown, expired or already used, or the tx_code is wrong")))));
    }

    /** The certificate an access token was issued for, while it works; empty for an unknown or expired token. */
    public Mono<String> certificateOf(String accessToken) {
        if (!WalletSecrets.wellFormed(accessToken)) {
            return Mono.empty();
        }
        return db.sql("SELECT certificate_number FROM wallet_access_token WHERE token_hash = :token AND expires_at > :now")
            .bind("token", WalletSecrets.sha256(accessToken)).bind("now", clock.instant())
            .map(row -> row.get(0, String.class)).one();
    }
}
