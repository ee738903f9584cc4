package org.certregistry.web.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.certregistry.web.certificate.CredentialTwins;
import org.certregistry.web.certificate.Issuance;
import org.certregistry.web.certificate.IssueCertificate;
import org.certregistry.web.cluster.ClusterEvents;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.security.SealedSecrets;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Cohort uploads: validate the whole file first, then issue its good rows in the background
 * while the admin watches the progress. Uploads, reports and progress are in PostgreSQL
 * ({@link CohortRepository}), so any instance shows and follows a cohort another one issues. The
 * issuing instance renews a lease on the cohort; every instance marks a cohort whose lease ran
 * out (its instance stopped) as failed, saying how far it got. Uploads are kept for a day.
 */
@Component
public class Cohorts implements DisposableBean {

    static final Duration KEPT = Duration.ofDays(1);

    static final Duration LEASE = Duration.ofSeconds(30);

    private static final Duration SWEEP = Duration.ofSeconds(5);

    private static final Duration FOLLOW = Duration.ofMillis(250);

    private static final Logger log = LoggerFactory.getLogger(Cohorts.class);

    private final Issuance certificates;
    private final CredentialTwins twins;
    private final RegistryUrls urls;
    private final ProgramCatalog programs;
    private final BlockingWork blocking;
    private final CohortRepository cohorts;
    private final ClusterEvents cluster;
    private final SealedSecrets secrets;
    private final Clock clock;
    private volatile Disposable sweeping;

    Cohorts(Issuance certificates, CredentialTwins twins, RegistryUrls urls, ProgramCatalog programs, BlockingWork blocking,
            CohortRepository cohorts, ClusterEvents cluster, SealedSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.certificates = certificates;
        this.twins = twins;
        this.urls = urls;
        this.programs = programs;
        this.blocking = blocking;
        this.cohorts = cohorts;
        this.cluster = cluster;
        this.clock = clock;
    }

    /** Sweeps from the moment the application (and its schema) is ready. */
    @EventListener(ApplicationReadyEvent.class)
    void startSweeping() {
        sweeping = Flux.interval(SWEEP, SWEEP).onBackpressureDrop().concatMap(tick -> sweep()).subscribe();
    }

    /** Validates an uploaded file (parsing runs off the event loop) and stores it for its owner. */
    public Mono<Cohort> upload(String owner, String fileName, byte[] csv) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String name = fileName == null || fileName.isBlank() ? "cohort.csv" : fileName;
        // UUID.randomUUID reads SecureRandom: off the event loop, with the parsing
        return blocking.run(() -> new Parsed(UUID.randomUUID(), CohortFile.parse(csv, programs, now)))
            .flatMap(parsed -> insert(parsed.id(), owner, name, csv, now, parsed.file()));
    }

    private record Parsed(UUID id, CohortFile file) {
    }

    private Mono<Cohort> insert(UUID id, String owner, String name, byte[] csv, Instant now, CohortFile file) {
        return cohorts.insert(id, owner, name, csv, now, file)
            .thenReturn(new Cohort(id, owner, name, now, file.rows().size(), file.badRows(),
                    new Cohort.Progress(Cohort.Stage.VALIDATED, 0, file.rows().size(), null, null)));
    }

    /** The viewer's cohorts still kept (a day after upload), newest first, without their bad rows. */
    public Flux<Cohort> recent(String viewer) {
        return cohorts.recent(viewer, 50);
    }

    /** The cohort with this id, if it exists and belongs to {@code viewer}. */
    public Mono<Cohort> find(UUID id, String viewer) {
        return cohorts.find(id, viewer);
    }

    /** Progress from now on, read every quarter second, ending when issuance ends. */
    public Flux<Cohort.Progress> progress(Cohort cohort) {
        return Flux.interval(Duration.ZERO, FOLLOW)
            .onBackpressureDrop()
            .concatMap(tick -> cohorts.progress(cohort.id()))
            .distinctUntilChanged()
            .takeUntil(progress -> progress.stage().finished());
    }

    /** The result file of a cohort, written off the event loop (it may have tens of thousands of lines). */
    public Mono<String> resultCsv(Cohort cohort) {
        // holder links wait sealed (SealedSecrets, bound to the cohort): opened here, for the admin who uploaded it
        String context = cohort.id().toString();
        return Mono.zip(cohorts.csv(cohort.id()), cohorts.issuedRows(cohort.id()).collectList())
            .flatMap(stored -> blocking.run(() -> CohortResult.csv(cohort,
                    CohortFile.parse(stored.getT1(), programs, cohort.uploadedAt()),
                    stored.getT2().stream().map(i -> i.withHolderUrl(secrets.open(i.holderUrl(), context).orElse(""))).toList())));
    }

    /**
     * Starts issuing the good rows, on this instance. A file with bad rows is issued only when
     * the admin chose to issue the good rows anyway. Starting twice, on any instance, does nothing
     * the second time. Answers the cohort as it stands then.
     */
    public Mono<Cohort> start(Cohort cohort, boolean goodRowsDespiteErrors, String actor) {
        if (cohort.hasErrors() && !goodRowsDespiteErrors) {
            return Mono.error(InvalidRequestException.of("file", "has " + cohort.badRows().size()
                    + " bad rows: fix them and upload again, or choose to issue the " + cohort.goodRows()
                    + " good rows only"));
        }
        if (cohort.goodRows() == 0) {
            return Mono.error(InvalidRequestException.of("file", "has no good rows to issue"));
        }
        return cohorts.start(cohort.id(), cluster.instance(), clock.instant(), LEASE)
            .doOnNext(started -> {
                if (started) {
                    issue(cohort, actor);
                }
            })
            .then(cohorts.find(cohort.id(), cohort.owner()));
    }

    private void issue(Cohort cohort, String actor) {
        UUID id = cohort.id();
        String instance = cluster.instance();
        AtomicInteger done = new AtomicInteger();
        Disposable heartbeat = Flux.interval(LEASE.dividedBy(3)).onBackpressureDrop()
            .concatMap(tick -> cohorts.renewLease(id, instance, clock.instant().plus(LEASE)).onErrorResume(failure -> Mono.empty()))
            .subscribe();
        cohorts.csv(id)
            .flatMap(csv -> blocking.run(() -> CohortFile.parse(csv, programs, cohort.uploadedAt())))
            .flatMapMany(file -> {
                List<CohortFile.Row> rows = file.rows();
                List<IssueCertificate> commands = rows.stream().map(CohortFile.Row::command).toList();
                // each batch's report rows and progress are written in the batch's own transaction: what the cohort
                // says it issued is exactly what is stored, whatever fails when
                return certificates.issueMany(commands, actor, (first, batch) -> {
                    List<Cohort.Issued> issued = new ArrayList<>(batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        var one = batch.get(i);
                        var c = one.certificate();
                        issued.add(new Cohort.Issued(rows.get(first + i).line(), c.programCode(), c.holderName(),
                                c.holderEmail(), c.number(), secrets.seal(urls.holderPage(one.holderToken()), id.toString()),
                                urls.verificationPage(c.number())));
                    }
                    return cohorts.issued(id, instance, issued, clock.instant().plus(LEASE));
                }).doOnNext(batch -> done.addAndGet(batch.size()));
            })
            .then(Mono.defer(() -> cohorts.finish(id, instance, clock.instant(), null)))
            .onErrorResume(failure -> {
                log.error("Cohort {} stopped after {} certificates", id, done.get(), failure);
                return cohorts.finish(id, instance, clock.instant(),
                        "issuance stopped by a fault after " + done.get() + " certificates; the rest were not issued");
            })
            .doFinally(signal -> heartbeat.dispose())
            .doOnSuccess(ended -> log.info("Cohort {}: {} certificates issued", id, done.get()))
            // the twins of whatever was stored, DONE or not; one asked for before is signed then (CredentialTwins)
            .then(Mono.defer(() -> signTwins(id)))
            .subscribe(ok -> {
            }, failure -> log.error("Could not record the end of cohort {}", id, failure));
    }

    private Mono<Void> signTwins(UUID id) {
        // the numbers are read whole first: a query streaming them while the twins are signed batch by batch ran past
        // the statement deadline after a few batches of a large cohort, and the rest of its twins waited for requests
        return cohorts.issuedRows(id).map(Cohort.Issued::number).collectList()
            .flatMapMany(numbers -> Flux.fromIterable(numbers).buffer(CredentialTwins.FILL_BATCH))
            .concatMap(twins::fill)
            .reduce(0L, Long::sum)
            .doOnNext(signed -> log.info("Cohort {}: {} Data Integrity twins signed", id, signed))
            .onErrorResume(failure -> {
                log.warn("Cohort {}: its twins stopped ({}); each is signed when first asked for", id, failure.toString());
                return Mono.empty();
            })
            .then();
    }

    /** Marks cohorts whose instance stopped as failed, and forgets uploads older than a day; on every instance. */
    private Mono<Void> sweep() {
        Instant now = clock.instant();
        return cohorts.failAbandoned(now)
            .doOnNext(id -> log.warn("Cohort {} was being issued by an instance that stopped: marked failed", id))
            .then(cohorts.deleteUploadedBefore(now.minus(KEPT)))
            .then()
            .onErrorResume(failure -> {
                log.warn("Could not sweep the cohorts: {}", failure.toString());
                return Mono.empty();
            });
    }

    @Override
    public void destroy() {
        if (sweeping != null) {
            sweeping.dispose();
        }
    }
}
