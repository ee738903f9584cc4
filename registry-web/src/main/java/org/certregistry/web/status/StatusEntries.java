package org.certregistry.web.status;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.certregistry.web.program.Program;
import org.certregistry.web.system.BlockingWork;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Hands out status-list entries for new credentials and keeps their bits. Entries come from the
 * awarding body's newest list (a new list opens once one reaches its fill limit) through a keyed
 * permutation, so an entry is never handed out twice, on any instance, and needs no retry. The
 * reservation is its own statement, outside the issuing transaction: an issuance that fails
 * leaves an unused entry, never a lock held while it signs.
 */
@Service
public class StatusEntries {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StatusListRepository lists;
    private final StatusLists signedLists;
    private final StatusListProperties properties;
    private final BlockingWork blocking;
    private final Clock clock;

    StatusEntries(StatusListRepository lists, StatusLists signedLists, StatusListProperties properties, BlockingWork blocking,
            Clock clock) {
        this.lists = lists;
        this.signedLists = signedLists;
        this.properties = properties;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** One entry for a new credential of this program. */
    public Mono<StatusEntry> allocate(Program program) {
        return allocate(program, 1).map(entries -> entries.get(0));
    }

    /** {@code count} distinct entries, all in one list, for new credentials of this program. */
    public Mono<List<StatusEntry>> allocate(Program program, int count) {
        String body = program.awardingBody().id();
        if (count < 1 || count > properties.size() * properties.fillLimit()) {
            return Mono.error(new IllegalArgumentException("cannot reserve " + count + " status entries at once"));
        }
        return Mono.defer(() -> lists.reserve(body, count, properties.fillLimit())
                .switchIfEmpty(Mono.defer(() -> open(body).then(lists.reserve(body, count, properties.fillLimit())))))
            // two instances opening a list at once: one wins the number, the other reserves again
            .retryWhen(Retry.max(5).filter(DuplicateKeyException.class::isInstance))
            .single()
            .map(StatusEntries::entries);
    }

    private Mono<Void> open(String awardingBody) {
        return blocking.run(() -> {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            return key;
        }).flatMap(key -> lists.create(awardingBody, properties.size(), key, clock.instant()))
            // signed at once, so that every instance serves it from memory from the start
            .flatMap(signedLists::resign);
    }

    private static List<StatusEntry> entries(StatusListRepository.Reservation reservation) {
        StatusIndexPermutation permutation = new StatusIndexPermutation(reservation.permutationKey(), reservation.size());
        List<StatusEntry> entries = new ArrayList<>(reservation.count());
        for (int n = reservation.first(); n < reservation.first() + reservation.count(); n++) {
            entries.add(new StatusEntry(reservation.list(), permutation.at(n)));
        }
        return entries;
    }

    /**
     * Records an entry's bits for a certificate's new state, in the caller's transaction, so the
     * state and its bits are one write; the list is signed again and stored in that transaction
     * too, and every instance serves the new list once it commits.
     */
    public Mono<Void> mark(StatusEntry entry, boolean revoked, boolean suspended) {
        return lists.mark(entry.list(), entry.index(), revoked, suspended).then(signedLists.resign(entry.list()));
    }
}
