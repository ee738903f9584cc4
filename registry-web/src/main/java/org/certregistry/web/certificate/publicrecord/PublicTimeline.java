package org.certregistry.web.certificate.publicrecord;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateEvent;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.certificate.RevocationCategory;
import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.certificate.store.RecentReads;
import org.certregistry.web.program.Program;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The story the public pages tell, from the certificate's history: dates and public facts only. */
@Service
public class PublicTimeline {

    private final CertificateRepository repository;
    private final Certificates certificates;
    private final DatabaseClient db;
    private final Clock clock;

    /**
     * The story's sources per certificate version: a QR code scanned again and again costs no query beyond the
     * certificate's own (itself reused for 500 ms, {@link RecentReads}). Keyed by version, so never stale.
     */
    private final AsyncCache<Version, Sources> sources = Caffeine.newBuilder().maximumSize(10_000)
        .expireAfterAccess(java.time.Duration.ofMinutes(10)).buildAsync();

    PublicTimeline(CertificateRepository repository, Certificates certificates, DatabaseClient db, Clock clock) {
        this.repository = repository;
        this.certificates = certificates;
        this.db = db;
        this.clock = clock;
    }

    /** What the story is made of, as stored for one version of a certificate. */
    private record Sources(List<CertificateEvent> history, String category) {
    }

    /** A certificate's version: every stored change bumps it, so what was read for it never goes stale. */
    private record Version(java.util.UUID certificate, int version) {
    }

    public Mono<List<TimelineEntry>> of(Certificate certificate) {
        Program program = certificates.program(certificate);
        return Mono.fromFuture(() -> sources.get(new Version(certificate.id(), certificate.version()),
                (version, executor) -> read(certificate).toFuture()), true).map(t -> {
            List<TimelineEntry> entries = new ArrayList<>();
            entries.add(new TimelineEntry(certificate.awardedAt(), TimelineEntry.Kind.AWARDED, null, null));
            for (CertificateEvent e : t.history()) {
                switch (e.action()) {
                    case RENEWED -> entries.add(new TimelineEntry(e.at(), TimelineEntry.Kind.RENEWED, validUntil(e.after()), null));
                    case SUSPENDED -> entries.add(new TimelineEntry(e.at(), TimelineEntry.Kind.SUSPENDED, null, null));
                    case REINSTATED -> entries.add(new TimelineEntry(e.at(), TimelineEntry.Kind.REINSTATED, null, null));
                    case REVOKED -> entries.add(new TimelineEntry(e.at(), TimelineEntry.Kind.REVOKED, null,
                            t.category().isEmpty() ? null : RevocationCategory.valueOf(t.category()).words()));
                    default -> {
                        // issuance is the award above; listing and CEUs are not part of the public story
                    }
                }
            }
            Instant now = clock.instant();
            if (certificate.publicStatus(now, program.renewal().gracePeriod()) == PublicStatus.LAPSED) {
                entries.add(new TimelineEntry(certificate.validUntil().atOffset(ZoneOffset.UTC)
                    .plus(program.renewal().gracePeriod()).toInstant(), TimelineEntry.Kind.LAPSED, null, null));
            }
            return List.copyOf(entries);
        });
    }

    /** Two reads (the history, the public revocation category), made once per version of a certificate. */
    private Mono<Sources> read(Certificate certificate) {
        Mono<String> category = db.sql("SELECT category FROM revocation_notice WHERE certificate_id = :id")
            .bind("id", certificate.id()).map(row -> row.get(0, String.class)).one().defaultIfEmpty("");
        return repository.history(certificate.id()).collectList().zipWith(category)
            .map(t -> new Sources(List.copyOf(t.getT1()), t.getT2()));
    }

    private static Instant validUntil(String snapshot) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(snapshot);
            return Instant.parse((String) json.get("validUntil"));
        }
        catch (Exception ex) {
            return null;
        }
    }
}
