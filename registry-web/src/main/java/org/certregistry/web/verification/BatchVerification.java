package org.certregistry.web.verification;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.issuer.number.InvalidCertificateNumberException;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.verifier.receipt.BatchReceipt;
import org.certregistry.web.certificate.CertificateNotFoundException;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.signing.IssuerKeys;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryUrls;
import org.certregistry.web.tally.Channel;
import org.certregistry.web.tally.Tally;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bulk verification for employers: up to {@link #MAX_ROWS} certificate numbers (each optionally with the
 * candidate's name) or documents, a verdict per row, and a receipt signed with the registry's key. Numbers
 * are looked up a few at a time; documents go through {@link CredentialVerification} one after the other
 * (each may be a 5 MB PDF to decode). Each certificate found is counted for its holder as a bulk check.
 */
@Service
public class BatchVerification {

    public static final int MAX_ROWS = 1000;
    /** Documents per batch: each is decoded in memory. */
    public static final int MAX_DOCUMENTS = 20;
    private static final int CONCURRENT_LOOKUPS = 8;

    private final Certificates certificates;
    private final CredentialVerification verification;
    private final IssuerKeys keys;
    private final RegistryUrls urls;
    private final Tally tally;
    private final BlockingWork blocking;
    private final ProgramCatalog programs;
    private final Messages messages;
    private final VerificationProperties properties;
    private final Clock clock;

    BatchVerification(Certificates certificates, CredentialVerification verification, IssuerKeys keys, RegistryUrls urls,
            Tally tally, BlockingWork blocking, ProgramCatalog programs, Messages messages, VerificationProperties properties,
            Clock clock) {
        this.properties = properties;
        this.programs = programs;
        this.messages = messages;
        this.certificates = certificates;
        this.verification = verification;
        this.keys = keys;
        this.urls = urls;
        this.tally = tally;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Checks every row, in order, and signs the receipt. The caller keeps to {@link #MAX_ROWS} and {@link #MAX_DOCUMENTS}. */
    public Mono<BatchResult> verify(List<BatchInput> inputs) {
        return Flux.fromIterable(inputs)
            .flatMapSequential(this::row, CONCURRENT_LOOKUPS)
            .collectList()
            .flatMap(rows -> {
                Instant checkedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                BatchReceipt receipt = new BatchReceipt(urls.base(), checkedAt, checkedAt.plus(properties.receiptLifetime()), rows.stream()
                    .map(r -> new BatchReceipt.Row(r.row(), r.input(), r.number(), r.outcome().name(), r.name().name()))
                    .toList());
                // signing is CPU work: off the event loop
                return blocking.run(() -> keys.signer().sign(receipt.claims(), BatchReceipt.headerType()))
                    .map(jwt -> new BatchResult(checkedAt, rows, jwt));
            });
    }

    private Mono<BatchResult.Row> row(BatchInput input) {
        if (input instanceof BatchInput.Number n) {
            return byNumber(n);
        }
        if (input instanceof BatchInput.Document d) {
            return byDocument(d);
        }
        BatchInput.Unreadable u = (BatchInput.Unreadable) input;
        return Mono.just(row(u.row(), u.label(), null, null, BatchOutcome.INVALID, null, NameMatch.NOT_GIVEN, u.reasonKey(),
                BatchReceipt.cell(u.label())));
    }

    /** A row whose detail is the sentence {@code key} of the bundles: English in the row, the key for pages. */
    private BatchResult.Row row(int row, String input, String number, String holderName, BatchOutcome outcome,
            BatchOutcome status, NameMatch name, String key, Object... args) {
        return new BatchResult.Row(row, input, number, holderName, outcome, status, name, messages.english(key, args), key,
                List.of(args));
    }

    private Mono<BatchResult.Row> byNumber(BatchInput.Number input) {
        CertificateNumber number;
        try {
            number = CertificateNumber.parse(input.number());
        }
        catch (InvalidCertificateNumberException ex) {
            String key = ex.reason() == InvalidCertificateNumberException.Reason.CHECK_FAILED
                    ? "batch.detail.mistyped" : "batch.detail.malformed";
            return Mono.just(row(input.row(), input.number(), null, null, BatchOutcome.NOT_FOUND, null, NameMatch.NOT_GIVEN, key));
        }
        return certificates.find(number).map(certificate -> {
            tally.count(certificate.id(), certificate.programCode(), Channel.BATCH);
            Period grace = programs.find(certificate.programCode()).map(p -> p.renewal().gracePeriod()).orElse(Period.ZERO);
            BatchOutcome status = BatchOutcome.of(certificate.publicStatus(clock.instant(), grace));
            NameMatch name = NameMatch.of(input.name(), certificate.holderName());
            BatchOutcome outcome = name == NameMatch.DOES_NOT_MATCH ? BatchOutcome.NAME_DOES_NOT_MATCH : status;
            return detailed(input.row(), input.number(), certificate.number(), certificate.holderName(), outcome, status, name);
        })
            .onErrorResume(CertificateNotFoundException.class, ex -> Mono.just(row(input.row(), input.number(),
                    number.value(), null, BatchOutcome.NOT_FOUND, null, NameMatch.NOT_GIVEN, "batch.detail.NOT_FOUND")))
            .onErrorResume(ex -> !(ex instanceof CertificateNotFoundException), ex -> Mono.just(row(input.row(),
                    input.number(), number.value(), null, BatchOutcome.UNDETERMINED, null, NameMatch.NOT_GIVEN,
                    "batch.detail.database-down")));
    }

    private Mono<BatchResult.Row> byDocument(BatchInput.Document input) {
        return verification.verifyDocument(input.type(), input.bytes(), Channel.BATCH).map((VerificationReport report) -> {
            var credential = report.credential().orElse(null);
            BatchOutcome status = BatchOutcome.of(report.verdict());
            String number = credential == null ? null : credential.certificateNumber();
            String holderName = credential == null ? null : credential.holderName();
            BatchOutcome own = credential == null ? null : status;
            // the first failed check says why in the verifier's own (English) words
            return report.checks().stream().filter(c -> !c.passed()).findFirst()
                .map(c -> new BatchResult.Row(input.row(), input.label(), number, holderName, status, own, NameMatch.NOT_GIVEN,
                        c.message(), null, List.of()))
                .orElseGet(() -> detailed(input.row(), input.label(), number, holderName, status, own, NameMatch.NOT_GIVEN));
        });
    }

    /**
     * A row that says what its outcome means ({@code batch.detail.<OUTCOME>}); a name that does not match names the
     * certificate's own state ({@code state.<STATUS>}, resolved in the sentence's language).
     */
    private BatchResult.Row detailed(int row, String input, String number, String holderName, BatchOutcome outcome,
            BatchOutcome status, NameMatch name) {
        String key = "batch.detail." + outcome.name();
        return outcome == BatchOutcome.NAME_DOES_NOT_MATCH
                ? row(row, input, number, holderName, outcome, status, name, key, new DefaultMessageSourceResolvable("state." + status.name()))
                : row(row, input, number, holderName, outcome, status, name, key);
    }
}
