package org.certregistry.web.verification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How presented PDFs and pictures are read: on a small pool of their own (the verifier's
 * {@code DocumentDecoder}), apart from signing and rendering, within the verifier's document limits.
 *
 * @param decoderThreads documents read at once (a hostile one costs a thread until its deadline)
 * @param decoderQueue documents that may wait for a thread; beyond that the answer is 503 with Retry-After
 * @param decoderDeadline how long reading one document may take, queueing included; past it the
 *        verdict is UNDETERMINED
 * @param maxFinderCandidates QR finder-pattern candidates one scan may find (see verifier/README.md)
 * @param maxQrAttempts finder-pattern triples the multi-code reader may try
 * @param receiptLifetime how long a bulk verification's receipt may be relied on (its {@code exp}): it says what
 *        was true when checked, and a verdict that old should be checked again
 */
@ConfigurationProperties("registry.verification")
public record VerificationProperties(@DefaultValue("2") int decoderThreads, @DefaultValue("8") int decoderQueue,
        @DefaultValue("10s") Duration decoderDeadline, @DefaultValue("60") int maxFinderCandidates,
        @DefaultValue("64") int maxQrAttempts, @DefaultValue("365d") Duration receiptLifetime) {
}
