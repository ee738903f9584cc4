package org.certregistry.web.certificate;

import java.time.Instant;

import org.certregistry.issuer.credential.Achievement;
import org.certregistry.issuer.credential.CredentialContent;
import org.certregistry.issuer.credential.IssuerProfile;
import org.certregistry.issuer.credential.StatusEntry;
import org.certregistry.web.program.Program;
import org.certregistry.web.signing.IssuerKeys;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a certificate into its Open Badges credential and signs it, off the event loop: the
 * VC-JWT (one revocation entry) and its Data Integrity twin (revocation and suspension entries,
 * the suspension list at the same number and index). Both name the certificate's current
 * credential as their {@code refreshService}.
 */
@Component
public class CredentialFactory {

    /** One credential version in both forms ({@code dataIntegrity} null for a window already over when signed). */
    public record SignedCredential(String jwt, String dataIntegrity) {
    }

    private final IssuerKeys keys;
    private final BlockingWork blocking;
    private final RegistryUrls urls;

    CredentialFactory(IssuerKeys keys, BlockingWork blocking, RegistryUrls urls) {
        this.keys = keys;
        this.blocking = blocking;
        this.urls = urls;
    }

    /** Both forms of the certificate's current window, signed on the bounded scheduler. */
    public Mono<SignedCredential> sign(Certificate certificate, Program program, Instant signedAt) {
        return blocking.run(() -> signNow(certificate, program, signedAt));
    }

    /** Signs right here: only for callers already on the bounded scheduler. */
    public SignedCredential signNow(Certificate certificate, Program program, Instant signedAt) {
        CredentialContent content = content(certificate, program);
        // a window already over when signed (a late backdated issuance) has no twin: the Data Integrity
        // signer refuses to sign an expired credential, and no wallet would take one
        String twin = certificate.validUntil().isAfter(signedAt) ? keys.twinSigner().sign(content, signedAt) : null;
        return new SignedCredential(keys.signer().sign(content), twin);
    }

    /**
     * The JWT alone, on the bounded scheduler: a cohort's twins are signed after it ({@link CredentialTwins}), so
     * that the twin, four times the JWT's cost, does not hold the cohort up.
     */
    Mono<SignedCredential> signWithoutTwin(Certificate certificate, Program program) {
        return blocking.run(() -> new SignedCredential(keys.signer().sign(content(certificate, program)), null));
    }

    /**
     * The twin of the certificate's current window as it would have been signed at {@code signedAt} (its
     * issuance): the same bytes whenever signed, Ed25519 being deterministic. Empty for a window over then, or
     * over now (the signer refuses an expired credential).
     */
    Mono<String> signTwin(Certificate certificate, Program program, Instant signedAt, Instant now) {
        if (!certificate.validUntil().isAfter(signedAt) || !certificate.validUntil().isAfter(now)) {
            return Mono.empty();
        }
        return blocking.run(() -> keys.twinSigner().sign(content(certificate, program), signedAt));
    }

    /**
     * The public copy of the certificate's current credential (no hashed e-mail), as a VC-JWT or,
     * with {@code dataIntegrity}, as its Data Integrity twin (empty when the window is over, as for
     * the stored twin), signed on the bounded scheduler: see {@link PublicCredentials}.
     */
    Mono<String> signPublicCopy(Certificate certificate, Program program, boolean dataIntegrity, Instant signedAt) {
        return blocking.run(() -> {
            var content = content(certificate, program).withoutIdentifier();
            if (!dataIntegrity) {
                return keys.signer().sign(content);
            }
            return certificate.validUntil().isAfter(signedAt) ? keys.twinSigner().sign(content, signedAt) : null;
        });
    }

    /**
     * The holder's copy of the certificate's current window bound to a wallet's key: the same claims with
     * {@code credentialSubject.id} (and {@code sub}) = {@code subjectId}, e.g. the {@code did:jwk} of the key a
     * wallet proved it holds. A VC-JWT, or with {@code dataIntegrity} the Data Integrity twin (empty when the window
     * is over at {@code signedAt}: the signer refuses an expired credential). Signed on the bounded scheduler with the
     * same keys as every other credential.
     */
    public Mono<String> signBound(Certificate certificate, Program program, String subjectId, boolean dataIntegrity,
            Instant signedAt) {
        return blocking.run(() -> {
            CredentialContent c = content(certificate, program);
            CredentialContent bound = new CredentialContent(c.credentialId(), c.issuer(), c.achievement(), subjectId,
                    c.holderName(), c.holderEmail(), c.emailSalt(), c.certificateNumber(), c.awardedDate(), c.validFrom(),
                    c.validUntil(), c.status(), c.refreshUrl(), c.suspension());
            if (!dataIntegrity) {
                return keys.signer().sign(bound);
            }
            return certificate.validUntil().isAfter(signedAt) ? keys.twinSigner().sign(bound, signedAt) : null;
        });
    }

    /** The {@code kid} of the JWTs (the key's URL). */
    public String keyId() {
        return keys.signer().keyId();
    }

    public String credentialId(Certificate certificate) {
        return urls.credential(certificate.id());
    }

    CredentialContent content(Certificate c, Program program) {
        Achievement achievement = achievement(program, urls);
        return new CredentialContent(urls.credential(c.id()),
                new IssuerProfile(urls.issuer(program.awardingBody().id()), program.awardingBody().name()), achievement,
                urls.holder(c.holderId()), c.holderName(), c.holderEmail(), c.emailSalt(), c.number(), c.awardedAt(),
                c.validFrom(), c.validUntil(), new StatusEntry(urls.statusList(c.statusList()), c.statusIndex()))
            .withRefreshUrl(urls.currentCredential(c.number()))
            .withSuspension(new StatusEntry(urls.suspensionList(c.statusList()), c.statusIndex()));
    }

    /** The program as the credentials' {@code achievement}: the same fields its hosted page serves. */
    public static Achievement achievement(Program program, RegistryUrls urls) {
        return new Achievement(urls.achievement(program.code()),
                program.name() + " (" + program.code() + ")",
                program.description() != null ? program.description() : program.name(),
                program.criteria() != null ? program.criteria() : "Awarded by " + program.awardingBody().name() + ".");
    }
}
