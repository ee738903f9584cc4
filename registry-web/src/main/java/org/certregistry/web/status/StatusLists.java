package org.certregistry.web.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.issuer.credential.IssuerProfile;
import org.certregistry.issuer.credential.StatusListClaims;
import org.certregistry.issuer.credential.StatusPurpose;
import org.certregistry.web.cluster.ClusterEvents;
import org.certregistry.web.cluster.NotificationsResumed;
import org.certregistry.web.database.AfterCommit;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.signing.IssuerKeys;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryProperties;
import org.certregistry.web.system.RegistryUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Serves each list as a signed {@code BitstringStatusListCredential} of its revoked bits, from
 * memory: no database read per request, whatever the number of certificates. A list is signed
 * when its bits change, in the transaction that changes them ({@link StatusEntries#mark}), and
 * stored with its strong ETag, so every instance serves the same bytes; once that transaction
 * commits, {@link StatusListSigned} reaches every instance (this one directly, the others through
 * {@link ClusterEvents}), which reloads that one list.
 *
 * <p>Over 250 lines on purpose: signing in the changing transaction, storing, serving from memory and
 * reloading on another instance's notice are one cache's lifecycle, kept in one place so that no
 * path can serve a copy older than the committed bits.
 */
@Service
public class StatusLists {

    private static final Logger log = LoggerFactory.getLogger(StatusLists.class);

    /** A signed list ready to serve, with its strong ETag. */
    public record SignedList(String jwt, String etag) {
    }

    private record Served(long revision, SignedList list) {
    }

    /** How a list is served: as a VC-JWT, or as a Data Integrity credential (for verifiers that read no JWT). */
    public enum Form {
        JWT, DATA_INTEGRITY
    }

    /** A signed list in either form (JWT text or JSON), with its strong ETag. */
    public record SignedDocument(String body, String etag) {
    }

    private final StatusListRepository lists;
    private final StatusListProperties properties;
    private final ProgramCatalog programs;
    private final IssuerKeys keys;
    private final BlockingWork blocking;
    private final RegistryUrls urls;
    private final ClusterEvents cluster;
    private final String baseUrl;
    private final Clock clock;
    private final Map<Integer, Served> served = new ConcurrentHashMap<>();
    /** Lists asked for that do not exist, remembered briefly so that made-up numbers cost no query each. */
    private final Cache<Integer, Boolean> unknown = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(1))
        .maximumSize(10_000).build();

    StatusLists(StatusListRepository lists, StatusListProperties properties, ProgramCatalog programs, IssuerKeys keys,
            BlockingWork blocking, RegistryUrls urls, ClusterEvents cluster, RegistryProperties registry, Clock clock) {
        this.lists = lists;
        this.properties = properties;
        this.programs = programs;
        this.keys = keys;
        this.blocking = blocking;
        this.urls = urls;
        this.cluster = cluster;
        this.baseUrl = registry.baseUrl();
        this.clock = clock;
    }

    /** List {@code id} signed as it stands now, or empty when there is no such list. */
    public Mono<SignedList> list(int id) {
        Served known = served.get(id);
        if (known != null) {
            return Mono.just(known.list());
        }
        if (unknown.getIfPresent(id) != null) {
            return Mono.empty();
        }
        // first request for this list here: load it (and sign it, for a list stored before V50)
        return lists.signed(id, baseUrl)
            .flatMap(row -> usable(row) ? Mono.just(remember(row)) : refresh(row).then(Mono.fromSupplier(() -> served.get(id)))
                .map(Served::list))
            .switchIfEmpty(Mono.fromRunnable(() -> unknown.put(id, Boolean.TRUE)));
    }

    /**
     * Signs list {@code id} as its bits stand in the caller's transaction (whose row lock on the
     * list orders concurrent changes) and stores it; this instance serves it once that commits,
     * every other instance right after.
     */
    Mono<Void> resign(int id) {
        return resign(id, false);
    }

    /** {@code replace}: the stored copy is signed with a key this instance no longer has; replace it even at the same revision. */
    private Mono<Void> resign(int id, boolean replace) {
        return lists.bits(id).flatMap(bits -> Mono.justOrEmpty(issuer(bits.list()))
            .flatMap(issuer -> blocking.run(() -> sign(bits, issuer)))
            .flatMap(signed -> lists.storeSigned(id, baseUrl, bits.revision(), signed.jwt(), signed.etag(), replace)
                .then(AfterCommit.run(() -> remember(id, new Served(bits.revision(), signed))))
                .then(cluster.publishOnCommit(new StatusListSigned(id, bits.revision())))));
    }

    /**
     * Another instance signed a list: reload it (this instance's own signatures are in memory
     * already). A copy this instance cannot serve as it is (signed for another base URL, or with
     * a key no longer in the ring) is dropped, and made again on the next request.
     */
    @EventListener
    void signed(StatusListSigned event) {
        Served known = served.get(event.list());
        if (known != null && known.revision() >= event.revision()) {
            return;
        }
        lists.signed(event.list(), baseUrl).subscribe(row -> {
            if (usable(row)) {
                remember(row);
            }
            else {
                served.remove(row.id());
            }
        }, failure -> forget(event.list(), failure));
    }

    /** Notifications may have been missed: every list is reloaded (or dropped, as above). */
    @EventListener
    void resumed(NotificationsResumed resumed) {
        lists.allSigned(baseUrl).subscribe(row -> {
            if (usable(row)) {
                remember(row);
            }
            else {
                served.remove(row.id());
            }
        }, failure -> log.warn("Could not reload the status lists: {}", failure.toString()));
    }

    /**
     * A stored copy this instance serves as it is: it shows the current bits and is signed with a
     * key of this instance's ring (active or retired). After a rotation lists keep their old,
     * retired key until their bits change; a key removed from the ring has them signed again.
     */
    private boolean usable(StatusListRepository.Signed row) {
        if (!row.current()) {
            return false;
        }
        try {
            String kid = SignedJWT.parse(row.jwt()).getHeader().getKeyID();
            return kid != null && keys.publishedKeys().getKeyByKeyId(kid) != null;
        }
        catch (java.text.ParseException ex) {
            return false;
        }
    }

    /** Signs a list whose stored copy is stale (older bits) or signed with a key no longer in the ring. */
    private Mono<Void> refresh(StatusListRepository.Signed row) {
        return resign(row.id(), row.current());
    }

    private void forget(int list, Throwable failure) {
        // served again from the database on the next request rather than stale from memory
        served.remove(list);
        log.warn("Could not reload status list {}: {}", list, failure.toString());
    }

    private SignedList remember(StatusListRepository.Signed row) {
        SignedList list = new SignedList(row.jwt(), row.etag());
        remember(row.id(), new Served(row.signedRevision(), list));
        return list;
    }

    private void remember(int id, Served fresh) {
        served.merge(id, fresh, (old, candidate) -> candidate.revision() >= old.revision() ? candidate : old);
        unknown.invalidate(id);
    }

    /**
     * List {@code id} of bits {@code purpose} in {@code form}, signed now: the revocation JWT is
     * {@link #list(int)}; the others (the suspension list, the Data Integrity forms) are signed on
     * each request from the same stored row.
     */
    public Mono<SignedDocument> list(int id, StatusPurpose purpose, Form form) {
        if (purpose == StatusPurpose.REVOCATION && form == Form.JWT) {
            return list(id).map(list -> new SignedDocument(list.jwt(), list.etag()));
        }
        return lists.bits(id).flatMap(bits -> Mono.justOrEmpty(issuer(bits.list()))
            .flatMap(issuer -> blocking.run(() -> signVariant(bits, issuer, purpose, form))));
    }

    /**
     * List {@code id} as an IETF Token Status List ({@code statuslist+jwt}, draft-ietf-oauth-status-list), the
     * status form of SD-JWT VCs: two bits per entry at the same indexes (0 valid, 1 invalid = revoked,
     * 2 suspended), least significant bits first, ZLIB-compressed; signed on each request from the stored row.
     */
    public Mono<SignedDocument> tokenStatusList(int id) {
        return lists.bits(id).flatMap(bits -> blocking.run(() -> {
            String jwt = keys.signer().sign(TokenStatusList.claims(urls.tokenStatusList(id), bits.list().size(),
                    leftmostFirst(bits.revoked()), leftmostFirst(bits.suspended()), clock.instant(), properties.maxAge()),
                    TokenStatusList.TYPE);
            return new SignedDocument(jwt, "\"" + digest(jwt.getBytes(StandardCharsets.US_ASCII)) + "\"");
        }));
    }

    private SignedDocument signVariant(StatusListRepository.Bits bits, IssuerProfile issuer, StatusPurpose purpose, Form form) {
        int id = bits.list().id();
        String url = purpose == StatusPurpose.REVOCATION ? urls.statusList(id) : urls.suspensionList(id);
        BitSet set = leftmostFirst(purpose == StatusPurpose.REVOCATION ? bits.revoked() : bits.suspended());
        String body = form == Form.JWT
                ? keys.signer().sign(StatusListClaims.of(url, issuer, bits.list().size(), set, clock.instant(),
                        properties.maxAge(), purpose))
                : keys.twinSigner().signStatusList(url, issuer, bits.list().size(), set, clock.instant(), properties.maxAge(),
                        purpose);
        return new SignedDocument(body, "\"" + digest(body.getBytes(StandardCharsets.UTF_8)) + "\"");
    }

    private SignedList sign(StatusListRepository.Bits bits, IssuerProfile issuer) {
        String jwt = keys.signer().sign(StatusListClaims.of(urls.statusList(bits.list().id()), issuer, bits.list().size(),
                leftmostFirst(bits.revoked()), clock.instant(), properties.maxAge()));
        return new SignedList(jwt, "\"" + digest(jwt.getBytes(StandardCharsets.US_ASCII)) + "\"");
    }

    /** The stored bytes (bit i is the i-th from the left) as a BitSet indexed by entry. */
    static BitSet leftmostFirst(byte[] bytes) {
        BitSet bits = new BitSet(bytes.length * 8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b != 0) {
                for (int bit = 0; bit < 8; bit++) {
                    if ((b & (0x80 >>> bit)) != 0) {
                        bits.set(i * 8 + bit);
                    }
                }
            }
        }
        return bits;
    }

    private Optional<IssuerProfile> issuer(StatusListRepository.ListRow row) {
        // lists made before V2 name no awarding body; only development databases of that time have them
        return Optional.ofNullable(row.awardingBody()).flatMap(id -> programs.all().stream()
            .filter(p -> p.awardingBody().id().equals(id))
            .findFirst()
            .map(p -> new IssuerProfile(urls.issuer(id), p.awardingBody().name())));
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
