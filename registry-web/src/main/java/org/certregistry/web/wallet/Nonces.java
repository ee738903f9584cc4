package org.certregistry.web.wallet;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The {@code c_nonce} values of the nonce endpoint: unpredictable, good once, within
 * {@link WalletProperties#nonceLifetime()}. Stored as SHA-256 in PostgreSQL, so whichever instance receives the key
 * proof takes the nonce another instance handed out, and takes it only once.
 */
@Service
public class Nonces {

    private final DatabaseClient db;
    private final WalletProperties properties;
    private final Clock clock;

    Nonces(DatabaseClient db, WalletProperties properties, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    /** A fresh nonce. */
    public Mono<String> issue() {
        String nonce = WalletSecrets.random();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return db.sql("INSERT INTO wallet_nonce (nonce_hash, created_at, expires_at) VALUES (:nonce, :now, :expires)")
            .bind("nonce", WalletSecrets.sha256(nonce)).bind("now", now).bind("expires", now.plus(properties.nonceLifetime()))
            .then().thenReturn(nonce);
    }

    /** Takes the nonce: true once for a nonce we issued that has not expired, false ever after and for anything else. */
    public Mono<Boolean> take(String nonce) {
        if (!WalletSecrets.wellFormed(nonce)) {
            return Mono.just(false);
        }
        Instant now = clock.instant();
        return db.sql("UPDATE wallet_nonce SET used_at = :now WHERE nonce_hash = :nonce AND used_at IS NULL "
                + "AND expires_at > :now RETURNING 1")
            .bind("now", now).bind("nonce", WalletSecrets.sha256(nonce))
            .map(row -> true).one().defaultIfEmpty(false);
    }
}
