package org.certregistry.web.verification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.verifier.Verifier;
import org.certregistry.verifier.check.WellFormedCheck;
import org.certregistry.verifier.document.CurrentCredentials;
import org.certregistry.verifier.document.DocumentDecoder;
import org.certregistry.verifier.document.DocumentVerifier;
import org.certregistry.verifier.document.Presented;
import org.certregistry.verifier.document.ReadDocument;
import org.certregistry.verifier.fetch.FetchException;
import org.certregistry.verifier.keys.JwksKeySource;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.database.DatabaseDeadline;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.signing.IssuerKeys;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryUrls;
import org.certregistry.web.tally.Channel;
import org.certregistry.web.tally.Tally;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Verifies presented documents through the verifier library's document pipeline, with the
 * registry's own keys, status and records as its sources: a compact JWT, a PDF certificate or a
 * picture of its QR code. PDFs and pictures are read on the verifier's {@link DocumentDecoder}
 * (its own small pool with a hard deadline; full means {@link VerifierBusyException}); the
 * certificate the document names is then read ONCE, with its current credential, within the
 * database deadline; the checks run on {@link BlockingWork} against that snapshot. If the database
 * cannot be read in time the verdict is UNDETERMINED, never VALID. Signature results are cached by
 * token; status never is.
 */
@Service
public class CredentialVerification {

    public static final MediaType JWT = MediaType.parseMediaType("application/jwt");

    /** The largest PDF or image accepted (the codec buffer is 8 MB). */
    public static final int MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

    private static final List<MediaType> DOCUMENTS = List.of(MediaType.APPLICATION_PDF, MediaType.IMAGE_PNG, MediaType.IMAGE_JPEG);

    private final Certificates certificates;
    private final DatabaseDeadline deadline;
    private final BlockingWork blocking;
    private final DocumentDecoder decoder;
    private final DocumentVerifier documents;
    private final RegistrySnapshots snapshots;
    private final VerificationMeter meter;
    private final Tally tally;

    CredentialVerification(Certificates certificates, RegistryUrls urls, IssuerKeys issuerKeys, ProgramCatalog programs,
            BlockingWork blocking, DocumentDecoder decoder, DatabaseDeadline deadline, Clock clock, SignatureResults signatures,
            MeterRegistry meters, Tally tally) {
        this.meter = new VerificationMeter(meters);
        this.certificates = certificates;
        this.deadline = deadline;
        this.tally = tally;
        this.blocking = blocking;
        this.decoder = decoder;
        this.snapshots = new RegistrySnapshots(urls, programs, clock);
        Verifier verifier = Verifier.builder()
            .trustedIssuers(programs.all().stream().map(p -> urls.issuer(p.awardingBody().id())).collect(Collectors.toUnmodifiableSet()))
            // our own key set only, never a fetch: URL kids must lie under our base; bare kids of older tokens match our /keys/<name>
            .keys(JwksKeySource.of(issuerKeys.publishedKeys()).underRegistry(urls.base()))
            .signatureCache(signatures)
            .clock(clock)
            .build();
        this.documents = new DocumentVerifier(verifier, urls.base(), null, clock);
    }

    /** Whether documents of this media type can be verified. */
    public static boolean supports(MediaType type) {
        return type != null && (isJwt(type) || DOCUMENTS.stream().anyMatch(d -> d.isCompatibleWith(type)));
    }

    /** The largest body accepted for this media type. */
    public static int maxBytes(MediaType type) {
        return type != null && isJwt(type) ? WellFormedCheck.MAX_TOKEN_LENGTH : MAX_DOCUMENT_BYTES;
    }

    private static boolean isJwt(MediaType type) {
        return MediaType.TEXT_PLAIN.isCompatibleWith(type) || JWT.isCompatibleWith(type);
    }

    /**
     * Verifies a presented document: a compact JWT ({@code text/plain}, {@code application/jwt}),
     * a PDF ({@code application/pdf}) or a QR-code picture ({@code image/png}, {@code image/jpeg}).
     * Other types are refused with {@link UnsupportedDocumentException}; a full decoder with
     * {@link VerifierBusyException}. Counted in the metrics by channel and verdict;
     * a verification of a certificate the registry holds is also counted for its holder under {@code channel}
     * (no more than that is kept).
     */
    public Mono<VerificationReport> verifyDocument(MediaType type, byte[] body, Channel channel) {
        if (!supports(type)) {
            return Mono.error(new UnsupportedDocumentException(type));
        }
        if (isJwt(type)) {
            return meter.timed(VerificationMeter.tag(channel, true), verify(new String(body, StandardCharsets.UTF_8), channel));
        }
        return meter.timed(VerificationMeter.tag(channel, false),
                Mono.fromFuture(() -> decoder.decode(body)).flatMap(outcome -> outcome instanceof DocumentDecoder.Outcome.Busy
                        ? Mono.error(new VerifierBusyException()) : verify(ofDeclaredType(type, outcome.document()), channel)));
    }

    /** Verifies a compact JWT, counted for its holder under {@code channel}. */
    public Mono<VerificationReport> verify(String token, Channel channel) {
        return verify(new ReadDocument(ReadDocument.Kind.JWT, token == null ? "" : token.strip(), null), channel);
    }

    private Mono<VerificationReport> verify(ReadDocument read, Channel channel) {
        Presented presented = documents.present(read);
        if (presented instanceof Presented.Answered answered) {
            return Mono.just(answered.report());
        }
        Presented.Naming naming = (Presented.Naming) presented;
        return snapshot(naming.number(), channel)
            .flatMap(snapshot -> blocking.run(() -> documents.verify(naming, current(snapshot), snapshots.status(snapshot),
                    snapshots.registry(snapshot))))
            .onErrorMap(RejectedExecutionException.class, ex -> new VerifierBusyException());
    }

    /** The one read of a verification: the certificate the document names, with its current credential. */
    private Mono<RegistrySnapshots.Snapshot> snapshot(String claimedNumber, Channel channel) {
        // a claimed (not yet verified) number says only which row to read
        CertificateNumber number = CertificateNumber.tryParse(claimedNumber).orElse(null);
        if (number == null) {
            return Mono.just(new RegistrySnapshots.Snapshot.Absent());
        }
        return deadline.bound(certificates.findWithCurrentCredential(number))
            .doOnNext(found -> tally.count(found.certificate().id(), found.certificate().programCode(), channel))
            .<RegistrySnapshots.Snapshot>map(RegistrySnapshots.Snapshot.Found::new)
            .defaultIfEmpty(new RegistrySnapshots.Snapshot.Absent())
            .onErrorResume(ex -> Mono.just(new RegistrySnapshots.Snapshot.Unreachable(
                    "the registry's database did not answer within " + deadline.duration().toSeconds() + " s")));
    }

    private static CurrentCredentials current(RegistrySnapshots.Snapshot snapshot) {
        return number -> {
            if (snapshot instanceof RegistrySnapshots.Snapshot.Unreachable u) {
                throw new FetchException(u.reason());
            }
            return snapshot instanceof RegistrySnapshots.Snapshot.Found f ? Optional.ofNullable(f.record().currentJwt())
                    : Optional.empty();
        };
    }

    /** A PDF sent as an image, or the reverse, is not what it claims to be. */
    private static ReadDocument ofDeclaredType(MediaType type, ReadDocument read) {
        if (!read.readable()) {
            return read;
        }
        boolean pdf = MediaType.APPLICATION_PDF.isCompatibleWith(type);
        if (pdf != (read.kind() == ReadDocument.Kind.PDF) || (!pdf && read.kind() != ReadDocument.Kind.IMAGE)) {
            return new ReadDocument(read.kind(), null, null, "The body is not a " + type + " document.",
                    ReadDocument.Cause.NOT_A_CERTIFICATE);
        }
        return read;
    }

}
