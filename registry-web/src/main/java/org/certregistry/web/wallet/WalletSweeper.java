package org.certregistry.web.wallet;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes offers, access tokens and nonces a day after they expired: the nonce endpoint is open to anyone, so its
 * table must not grow without end. Every instance may run it; deleting twice is harmless.
 */
@Component
class WalletSweeper implements DisposableBean {

    /** How long an expired row is kept (for an admin looking into a wallet's complaint). */
    static final Duration KEPT = Duration.ofDays(1);

    private final DatabaseClient db;
    private final Clock clock;
    private final Disposable sweeping;

    WalletSweeper(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.sweeping = Flux.interval(Duration.ofMinutes(2), Duration.ofMinutes(10))
            .onBackpressureDrop()
            .concatMap(tick -> sweep().onErrorResume(ex -> Mono.empty()))
            .subscribe();
    }

    /** Deletes what expired more than {@link #KEPT} ago; answers how many rows. */
    Mono<Long> sweep() {
        var cutoff = clock.instant().minus(KEPT);
        return db.sql("DELETE FROM wallet_nonce WHERE expires_at < :cutoff").bind("cutoff", cutoff).fetch().rowsUpdated()
            .concatWith(db.sql("DELETE FROM wallet_offer WHERE expires_at < :cutoff AND NOT EXISTS (SELECT 1 FROM "
                    + "wallet_access_token t WHERE t.offer_id = wallet_offer.id AND t.expires_at >= :cutoff)")
                .bind("cutoff", cutoff).fetch().rowsUpdated())
            .reduce(0L, Long::sum);
    }

    @Override
    public void destroy() {
        sweeping.dispose();
    }
}
