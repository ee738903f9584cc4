package org.certregistry.web.verification;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jwt.SignedJWT;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.verifier.Verifier;
import org.certregistry.verifier.keys.JwksKeySource;
import org.certregistry.verifier.registry.RegistryLookup;
import org.certregistry.verifier.registry.RegistrySource;
import org.certregistry.verifier.status.StatusLookup;
import org.certregistry.verifier.status.StatusSource;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateRepository;
import org.certregistry.web.certificate.CertificateState;
import org.certregistry.web.certificate.CredentialFactory;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.signing.IssuerKeys;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Verifies presented credentials with the verifier library, against the registry's own keys,
 * status and records. The database is read first (reactively); the checks then run on the
 * bounded scheduler against that snapshot. When the database cannot be read, the answer is
 * UNDETERMINED, never VALID.
 */
@Service
public class CredentialVerification {

    public static final MediaType JWT = MediaType.parseMediaType("application/jwt");

    private final CertificateRepository certificates;
    private final CredentialFactory credentials;
    private final BlockingWork blocking;
    private final RegistryProperties registry;
    private final Clock clock;
    private final JwksKeySource keys;
    private final Set<String> trustedIssuers;

    CredentialVerification(CertificateRepository certificates, CredentialFactory credentials, IssuerKeys issuerKeys,
            ProgramCatalog programs, BlockingWork blocking, RegistryProperties registry, Clock clock) {
        this.certificates = certificates;
        this.credentials = credentials;
        this.blocking = blocking;
        this.registry = registry;
        this.clock = clock;
        this.keys = JwksKeySource.of(issuerKeys.ring().publicKeys());
        this.trustedIssuers = programs.all().stream().map(credentials::issuerId).collect(Collectors.toUnmodifiableSet());
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

    /**
     * Verifies a presented document: a compact JWT ({@code text/plain}, {@code application/jwt}).
     * PDFs and QR-code images are the next step (issue 3/4); until then they are refused with
     * {@link UnsupportedDocumentException}.
     */
    public Mono<VerificationReport> verifyDocument(MediaType type, byte[] body) {
        if (type != null && (MediaType.TEXT_PLAIN.isCompatibleWith(type) || JWT.isCompatibleWith(type))) {
            return verify(new String(body, StandardCharsets.UTF_8));
        }
        return Mono.error(new UnsupportedDocumentException(type));
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
                return f.certificate().state() == CertificateState.REVOKED ? new StatusLookup.Set(listUrl)
                        : new StatusLookup.Clear(listUrl);
            }
            return new StatusLookup.Unavailable("the registry has no status entry " + index + " in " + listUrl);
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
    @SuppressWarnings("unchecked")
    static String unverifiedNumber(String token) {
        if (token == null || token.length() > 32 * 1024) {
            return null;
        }
        try {
            Map<String, Object> subject = (Map<String, Object>) SignedJWT.parse(token.strip()).getJWTClaimsSet()
                .getJSONObjectClaim("credentialSubject");
            Object number = subject == null ? null : subject.get("licenseNumber");
            return number instanceof String s ? CertificateNumber.parse(s).value() : null;
        }
        catch (ParseException | RuntimeException ex) {
            return null;
        }
    }

    Instant now() {
        return clock.instant();
    }
}
