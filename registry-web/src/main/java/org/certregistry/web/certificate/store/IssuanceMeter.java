package org.certregistry.web.certificate.store;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.Issuance;
import org.certregistry.web.certificate.IssuedCertificate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issuance in the metrics: {@code registry.issuance} times each single issuance and each cohort
 * issuance as a whole (tags {@code kind}, {@code outcome}); {@code registry.certificates.issued}
 * counts the certificates stored (tag {@code kind}).
 */
public final class IssuanceMeter {

    public static final String TIMER = "registry.issuance";
    public static final String ISSUED = "registry.certificates.issued";

    private final MeterRegistry registry;
    private final Counter single;
    private final Counter cohort;

    public IssuanceMeter(MeterRegistry registry) {
        this.registry = registry;
        this.single = issued("single");
        this.cohort = issued("cohort");
    }

    public Mono<IssuedCertificate> single(Mono<IssuedCertificate> issuance) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(registry);
            return issuance.doOnSuccess(issued -> {
                single.increment();
                sample.stop(timer("single", "success"));
            }).doOnError(ex -> sample.stop(timer("single", "failure")));
        });
    }

    public Flux<List<IssuedCertificate>> cohort(Flux<List<IssuedCertificate>> issuance) {
        return Flux.defer(() -> {
            Timer.Sample sample = Timer.start(registry);
            return issuance.doOnNext(batch -> cohort.increment(batch.size()))
                .doOnComplete(() -> sample.stop(timer("cohort", "success")))
                .doOnError(ex -> sample.stop(timer("cohort", "failure")));
        });
    }

    private Timer timer(String kind, String outcome) {
        return Timer.builder(TIMER).description("Issuance latency: one certificate, or a whole cohort")
            .tag("kind", kind).tag("outcome", outcome).register(registry);
    }

    private Counter issued(String kind) {
        return Counter.builder(ISSUED).description("Certificates issued and stored").tag("kind", kind).register(registry);
    }
}
