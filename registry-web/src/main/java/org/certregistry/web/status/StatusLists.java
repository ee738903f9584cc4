package org.certregistry.web.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.certregistry.issuer.credential.IssuerProfile;
import org.certregistry.issuer.credential.StatusListClaims;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.signing.IssuerKeys;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryProperties;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The registry's Bitstring Status Lists: hands out random entries for new credentials (one list
 * per awarding body, a new list once one is {@code fill-limit} full), and serves each list as a
 * signed {@code BitstringStatusListCredential} whose bits are read from the certificates' states
 * at the time of the request. A revocation therefore sets its bit in the same transaction that
 * revokes, and shows on the next request of every instance. Signing happens only when a list's
 * bits changed since the last request (the signed copy is kept per instance), on {@link BlockingWork}.
 */
@Service
public class StatusLists {

    /** The list a new credential's revocation bit goes into, and its size (the index is drawn off the event loop). */
    public record Slot(int list, int size) {

        /** A random index in this list; SecureRandom may read /dev/urandom, so call it on the bounded scheduler. */
        public int drawIndex(SecureRandom random) {
            return random.nextInt(size);
        }
    }

    /** A signed list ready to serve, with its strong ETag. */
    public record SignedList(String jwt, String etag) {
    }

    private record Current(int list, int size, AtomicLong used, long limit, Instant readAt) {
    }

    private record Signed(String bitsKey, SignedList list) {
    }

    private static final Duration RECOUNT = Duration.ofSeconds(30);

    private final StatusListRepository lists;
    private final StatusListProperties properties;
    private final ProgramCatalog programs;
    private final IssuerKeys keys;
    private final BlockingWork blocking;
    private final RegistryProperties registry;
    private final Clock clock;
    private final Map<String, Current> current = new ConcurrentHashMap<>();
    private final Map<Integer, Signed> signed = new ConcurrentHashMap<>();

    StatusLists(StatusListRepository lists, StatusListProperties properties, ProgramCatalog programs, IssuerKeys keys,
            BlockingWork blocking, RegistryProperties registry, Clock clock) {
        this.lists = lists;
        this.properties = properties;
        this.programs = programs;
        this.keys = keys;
        this.blocking = blocking;
        this.registry = registry;
        this.clock = clock;
    }

    /** The URL of list {@code id}, as credentials name it. */
    public String url(int id) {
        return registry.baseUrl() + "/status/" + id;
    }

    /**
     * A random entry of the awarding body's current list for a new credential. The index is
     * random, not sequential; a clash with a used index is caught by the database's unique
     * constraint and the caller draws again.
     */
    public Mono<Slot> allocate(Program program) {
        String body = program.awardingBody().id();
        Current c = current.get(body);
        Instant now = clock.instant();
        if (c != null && c.used().get() < c.limit() && c.readAt().plus(RECOUNT).isAfter(now)) {
            c.used().incrementAndGet();
            return Mono.just(new Slot(c.list(), c.size()));
        }
        return lists.newest(body)
            .filter(row -> row.used() < limit(row.size()))
            .switchIfEmpty(Mono.defer(() -> lists.create(body, properties.size(), now)))
            .map(row -> {
                Current fresh = new Current(row.id(), row.size(), new AtomicLong(row.used() + 1), limit(row.size()), now);
                current.put(body, fresh);
                return new Slot(fresh.list(), fresh.size());
            });
    }

    private long limit(int size) {
        return (long) (size * properties.fillLimit());
    }

    /** List {@code id} signed as it stands now, or empty when there is no such list. */
    public Mono<SignedList> list(int id) {
        return lists.find(id).flatMap(row -> issuer(row).flatMap(issuer -> lists.revoked(id).flatMap(bits -> {
            String key = issuer.id() + "|" + row.size() + "|" + digest(bits.toByteArray());
            Signed known = signed.get(id);
            if (known != null && known.bitsKey().equals(key)) {
                return Mono.just(known.list());
            }
            return blocking.run(() -> {
                String jwt = keys.signer().sign(StatusListClaims.of(url(id), issuer, row.size(), bits, clock.instant(),
                        properties.maxAge()));
                SignedList list = new SignedList(jwt, "\"" + digest(jwt.getBytes(StandardCharsets.US_ASCII)) + "\"");
                signed.put(id, new Signed(key, list));
                return list;
            });
        })));
    }

    private Mono<IssuerProfile> issuer(StatusListRepository.ListRow row) {
        Mono<String> body = row.awardingBody() != null ? Mono.just(row.awardingBody())
                : lists.anyProgram(row.id()).flatMap(code -> Mono.justOrEmpty(programs.find(code)))
                    .map(p -> p.awardingBody().id());
        return body.flatMap(id -> Mono.justOrEmpty(programs.all().stream()
            .filter(p -> p.awardingBody().id().equals(id))
            .findFirst()
            .map(p -> new IssuerProfile(registry.baseUrl() + "/issuers/" + id, p.awardingBody().name()))));
    }

    private static String digest(byte[] bytes) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is always present", ex);
        }
    }
}
