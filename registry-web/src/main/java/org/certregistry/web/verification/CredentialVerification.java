package org.certregistry.web.verification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.verifier.Verifier;
import org.certregistry.verifier.check.WellFormedCheck;
import org.certregistry.verifier.document.DocumentCheck;
import org.certregistry.verifier.document.DocumentReader;
import org.certregistry.verifier.document.DocumentVerifier;
import org.certregistry.verifier.document.ReadDocument;
import org.certregistry.verifier.keys.JwksKeySource;
import org.certregistry.verifier.registry.RegistryLookup;
import org.certregistry.verifier.registry.RegistrySource;
import org.certregistry.verifier.status.StatusLookup;
import org.certregistry.verifier.status.StatusSource;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateRepository;
import org.certregistry.web.certificate.CertificateState;
import org.certregistry.web.certificate.CredentialFactory;
import org.certregistry.web.certificate.CredentialVersion;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.signing.IssuerKeys;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Verifies presented documents with the verifier library, against the registry's own keys,
 * status and records: a compact JWT, a PDF certificate (its embedded credential, cross-checked
 * with the QR code on page 1) or a picture of the QR code (the certificate's current credential).
 * Documents are decoded on the bounded scheduler; the database is read reactively; the checks
 * then run on the bounded scheduler against that snapshot. When the database cannot be read, the
 * answer is UNDETERMINED, never VALID. Signature results are cached by token; status never is.
 */
@Service
public class CredentialVerification {

    public static final MediaType JWT = MediaType.parseMediaType("application/jwt");

    /** The largest PDF or image accepted (the codec buffer is 8 MB). */
    public static final int MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

    private static final List<MediaType> DOCUMENTS = List.of(MediaType.APPLICATION_PDF, MediaType.IMAGE_PNG, MediaType.IMAGE_JPEG);

    private final CertificateRepository certificates;
    private final CredentialFactory credentials;
    private final BlockingWork blocking;
    private final RegistryProperties registry;
    private final Clock clock;
    private final JwksKeySource keys;
    private final Set<String> trustedIssuers;
    private final SignatureResults signatures;
    private final DocumentReader reader = new DocumentReader();
    private final DocumentCheck documentCheck;

    CredentialVerification(CertificateRepository certificates, CredentialFactory credentials, IssuerKeys issuerKeys,
            ProgramCatalog programs, BlockingWork blocking, RegistryProperties registry, Clock clock,
            SignatureResults signatures) {
        this.certificates = certificates;
        this.credentials = credentials;
        this.blocking = blocking;
        this.registry = registry;
        this.clock = clock;
        this.signatures = signatures;
        this.keys = JwksKeySource.of(issuerKeys.ring().publicKeys());
        this.trustedIssuers = programs.all().stream().map(credentials::issuerId).collect(Collectors.toUnmodifiableSet());
        this.documentCheck = new DocumentCheck(registry.baseUrl());
    }

    /** What the registry knows of the certificate the token names, read before the checks run. */
    private sealed interface Snapshot {
        record Found(Certificate certificate) implements Snapshot {
        }

        record Absent() implements Snapshot {
        }

        record Unreachable(String reason) implements Snapshot {
        }
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
     * Other types are refused with {@link UnsupportedDocumentException}.
     */
    public Mono<VerificationReport> verifyDocument(MediaType type, byte[] body) {
        if (!supports(type)) {
            return Mono.error(new UnsupportedDocumentException(type));
        }
        if (isJwt(type)) {
            return verify(new String(body, StandardCharsets.UTF_8));
        }
        return blocking.run(() -> reader.read(body)).flatMap(read -> verifyRead(type, read));
    }

    private Mono<VerificationReport> verifyRead(MediaType type, ReadDocument read) {
        if (!read.readable()) {
            return Mono.just(VerificationReport.unreadable(DocumentCheck.NAME, read.problem(), clock.instant()));
        }
        boolean pdf = MediaType.APPLICATION_PDF.isCompatibleWith(type);
        if (pdf != (read.kind() == ReadDocument.Kind.PDF) || (!pdf && read.kind() != ReadDocument.Kind.IMAGE)) {
            return Mono.just(VerificationReport.unreadable(DocumentCheck.NAME, "The body is not a " + type
                    + " document.", clock.instant()));
        }
        if (read.token() != null) {
            return verify(read.token())
                .map(report -> report.withDocumentCheck(documentCheck.of(read, DocumentVerifier.claimedNumber(read.token()))));
        }
        String number = documentCheck.numberIn(read.qrText());
        if (number == null) {
            return Mono.just(VerificationReport.unreadable(DocumentCheck.NAME, documentCheck.foreignQr(read.qrText()).message(),
                    clock.instant()));
        }
        return currentCredential(number)
            .flatMap(jwt -> verify(jwt).map(report -> report.withDocumentCheck(documentCheck.of(read, number))))
            .switchIfEmpty(Mono.fromSupplier(() -> VerificationReport.of(documentCheck.unknownNumber(number), clock.instant())))
            .onErrorResume(ex -> Mono.just(VerificationReport.of(
                    documentCheck.registryUnavailable(number, "the registry's database did not answer"), clock.instant())));
    }

    private Mono<String> currentCredential(String number) {
        String parsed;
        try {
            parsed = CertificateNumber.parse(number).value();
        }
        catch (RuntimeException ex) {
            return Mono.empty();
        }
        return certificates.findByNumber(parsed).flatMap(certificates::currentCredential).map(CredentialVersion::jwt);
    }

    public Mono<VerificationReport> verify(String token) {
        String number = unverifiedNumber(token);
        Mono<Snapshot> snapshot = number == null ? Mono.just(new Snapshot.Absent())
                : certificates.findByNumber(number).<Snapshot>map(Snapshot.Found::new)
                    .defaultIfEmpty(new Snapshot.Absent())
                    .onErrorResume(ex -> Mono.just(new Snapshot.Unreachable("the registry's database did not answer")));
        return snapshot.flatMap(s -> blocking.run(() -> verifier(s).verify(token)));
    }

    private Verifier verifier(Snapshot snapshot) {
        return Verifier.builder()
            .trustedIssuers(trustedIssuers)
            .keys(keys)
            .status(statusSource(snapshot))
            .registry(registrySource(snapshot))
            .signatureCache(signatures)
            .clock(clock)
            .build();
    }

    private StatusSource statusSource(Snapshot snapshot) {
        return (issuerId, listUrl, index) -> {
            if (snapshot instanceof Snapshot.Unreachable u) {
                return new StatusLookup.Unavailable(u.reason());
            }
            if (snapshot instanceof Snapshot.Found f && listUrl.equals(credentials.statusListUrl(f.certificate().statusList()))
                    && index == f.certificate().statusIndex()) {
                // the same rows GET /status/{list} is made of, read now
                return f.certificate().state() == CertificateState.REVOKED ? new StatusLookup.Set(listUrl + ", read now")
                        : new StatusLookup.Clear(listUrl + ", read now");
            }
            return new StatusLookup.Invalid("the registry has no status entry " + index + " in " + listUrl
                    + " for this certificate.");
        };
    }

    private RegistrySource registrySource(Snapshot snapshot) {
        return (number, credentialId, validFrom) -> {
            if (snapshot instanceof Snapshot.Unreachable u) {
                return new RegistryLookup.Unavailable(u.reason());
            }
            if (!(snapshot instanceof Snapshot.Found f) || !f.certificate().number().equals(number)) {
                return new RegistryLookup.Unknown();
            }
            Certificate c = f.certificate();
            if (c.state() == CertificateState.REVOKED) {
                return new RegistryLookup.Revoked(null);
            }
            if (c.state() == CertificateState.SUSPENDED) {
                return new RegistryLookup.Suspended(null);
            }
            if (validFrom == null || validFrom.isBefore(c.validFrom())) {
                return new RegistryLookup.Superseded(registry.verificationUrl(c.number()));
            }
            return new RegistryLookup.Current();
        };
    }

    /** The certificate number the (not yet verified) token claims, only to know what to read from the database. */
    static String unverifiedNumber(String token) {
        if (token == null || token.length() > WellFormedCheck.MAX_TOKEN_LENGTH) {
            return null;
        }
        String number = DocumentVerifier.claimedNumber(token.strip());
        try {
            return number == null ? null : CertificateNumber.parse(number).value();
        }
        catch (RuntimeException ex) {
            return null;
        }
    }
}
