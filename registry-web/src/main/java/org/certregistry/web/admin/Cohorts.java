package org.certregistry.web.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.certregistry.web.certificate.CertificateService;
import org.certregistry.web.certificate.IssueCertificate;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.InvalidRequestException;
import org.certregistry.web.system.RegistryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Cohort uploads: validate the whole file first, then issue its good rows in the background
 * while the admin watches the progress. Uploads are kept in memory for a day (one instance; the
 * certificates themselves are in the database as soon as each batch is stored).
 */
@Component
public class Cohorts {

    private static final Logger log = LoggerFactory.getLogger(Cohorts.class);

    private final CertificateService certificates;
    private final ProgramCatalog programs;
    private final BlockingWork blocking;
    private final RegistryProperties registry;
    private final Clock clock;
    private final Cache<UUID, Cohort> cohorts = Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(1)).maximumSize(200)
        .build();

    Cohorts(CertificateService certificates, ProgramCatalog programs, BlockingWork blocking, RegistryProperties registry,
            Clock clock) {
        this.certificates = certificates;
        this.programs = programs;
        this.blocking = blocking;
        this.registry = registry;
        this.clock = clock;
    }

    /** Validates an uploaded file (parsing runs off the event loop) and keeps it for its owner. */
    public Mono<Cohort> upload(String owner, String fileName, byte[] csv) {
        return blocking.run(() -> CohortFile.parse(csv, programs, clock.instant())).map(file -> {
            Cohort cohort = new Cohort(owner, fileName == null || fileName.isBlank() ? "cohort.csv" : fileName, file,
                    clock.instant());
            cohorts.put(cohort.id(), cohort);
            return cohort;
        });
    }

    /** The result file of a cohort, written off the event loop (it may have tens of thousands of lines). */
    public Mono<String> resultCsv(Cohort cohort) {
        return blocking.run(cohort::resultCsv);
    }

    /** The cohort with this id, if it exists and belongs to {@code viewer}. */
    public Optional<Cohort> find(UUID id, String viewer) {
        return Optional.ofNullable(cohorts.getIfPresent(id)).filter(c -> c.owner().equals(viewer));
    }

    /**
     * Starts issuing the good rows. A file with bad rows is issued only when the admin chose to
     * issue the good rows anyway. Starting twice does nothing the second time.
     */
    public Cohort start(Cohort cohort, boolean goodRowsDespiteErrors, String actor) {
        if (cohort.file().hasErrors() && !goodRowsDespiteErrors) {
            throw InvalidRequestException.of("file", "has " + cohort.file().badRows().size()
                    + " bad rows: fix them and upload again, or choose to issue the " + cohort.file().rows().size()
                    + " good rows only");
        }
        if (cohort.file().rows().isEmpty()) {
            throw InvalidRequestException.of("file", "has no good rows to issue");
        }
        if (!cohort.start(clock.instant())) {
            return cohort;
        }
        List<CohortFile.Row> rows = cohort.file().rows();
        List<IssueCertificate> commands = rows.stream().map(CohortFile.Row::command).toList();
        int[] offset = { 0 };
        certificates.issueMany(commands, actor)
            .doOnNext(batch -> {
                List<Cohort.Issued> done = new java.util.ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    var issued = batch.get(i);
                    var c = issued.certificate();
                    done.add(new Cohort.Issued(rows.get(offset[0] + i).line(), c.programCode(), c.holderName(),
                            c.holderEmail(), c.number(), registry.baseUrl() + "/h/" + issued.holderToken(),
                            registry.verificationUrl(c.number())));
                }
                offset[0] += batch.size();
                cohort.issued(done);
            })
            .then()
            .subscribe(ok -> { }, failure -> {
                log.error("Cohort {} stopped after {} certificates", cohort.id(), offset[0], failure);
                cohort.finished(clock.instant(), "issuance stopped by a fault after " + offset[0]
                        + " certificates; the rest were not issued");
            }, () -> {
                cohort.finished(clock.instant(), null);
                log.info("Cohort {}: {} certificates issued in {} ms", cohort.id(), offset[0], cohort.snapshot().millis());
            });
        return cohort;
    }
}
