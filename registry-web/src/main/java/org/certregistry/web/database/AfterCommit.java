package org.certregistry.web.database;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/** Work that must see a change only once it is committed: a signed list served, a sender woken. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code action} once the caller's transaction commits (nothing if it rolls back), or at once when there is none. */
    public static Mono<Void> run(Runnable action) {
        return TransactionSynchronizationManager.forCurrentTransaction()
            .doOnNext(transaction -> transaction.registerSynchronization(new TransactionSynchronization() {
                @Override
                public Mono<Void> afterCommit() {
                    return Mono.fromRunnable(action);
                }
            }))
            .onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(action).then(Mono.empty()))
            .then();
    }
}
