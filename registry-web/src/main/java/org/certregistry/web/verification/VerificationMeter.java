package org.certregistry.web.verification;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.web.tally.Channel;
import reactor.core.publisher.Mono;

/**
 * {@code registry.verifications}: a timer per channel ({@code api-jwt}, {@code api-document},
 * {@code page}, {@code batch}) and verdict, so an operator graphs how many of each and how long they take.
 * Refused input (not a document at all) is no verification and is not counted here.
 */
final class VerificationMeter {

    static final String NAME = "registry.verifications";

    private final MeterRegistry registry;

    VerificationMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The metrics tag of a {@link Channel}: the API is split by what was sent, a JWT or a document. */
    static String tag(Channel channel, boolean jwt) {
        return switch (channel) {
            case API -> jwt ? "api-jwt" : "api-document";
            case UPLOAD -> "page";
            case BATCH -> "batch";
            case QR_PAGE -> "qr-page";
        };
    }

    Mono<VerificationReport> timed(String channel, Mono<VerificationReport> verification) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(registry);
            return verification.doOnNext(report -> sample.stop(Timer.builder(NAME)
                .description("Verifications answered, by channel and verdict")
                .tag("channel", channel)
                .tag("verdict", report.verdict().name())
                .register(registry)));
        });
    }
}
