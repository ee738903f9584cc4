package org.certregistry.web.certificate;

import org.certregistry.issuer.credential.Achievement;
import org.certregistry.issuer.credential.CredentialContent;
import org.certregistry.issuer.credential.IssuerProfile;
import org.certregistry.issuer.credential.StatusEntry;
import org.certregistry.web.program.Program;
import org.certregistry.web.signing.IssuerKeys;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Turns a certificate into its Open Badges credential and signs it, off the event loop. */
@Component
public class CredentialFactory {

    private final IssuerKeys keys;
    private final BlockingWork blocking;
    private final RegistryProperties registry;

    CredentialFactory(IssuerKeys keys, BlockingWork blocking, RegistryProperties registry) {
        this.keys = keys;
        this.blocking = blocking;
        this.registry = registry;
    }

    /** The signed credential of the certificate's current window, signed on the bounded scheduler. */
    public Mono<String> sign(Certificate certificate, Program program) {
        return blocking.run(() -> signNow(certificate, program));
    }

    /** Signs right here: only for callers already on the bounded scheduler. */
    public String signNow(Certificate certificate, Program program) {
        return keys.signer().sign(content(certificate, program));
    }

    public String keyId() {
        return keys.signer().keyId();
    }

    /** The issuer id credentials of this program carry. */
    public String issuerId(Program program) {
        return registry.baseUrl() + "/issuers/" + program.awardingBody().id();
    }

    public String credentialId(Certificate certificate) {
        return certificate.credentialId(registry.baseUrl());
    }

    public String statusListUrl(int list) {
        return registry.baseUrl() + "/status/" + list;
    }

    CredentialContent content(Certificate c, Program program) {
        String base = registry.baseUrl();
        Achievement achievement = new Achievement(base + "/achievements/" + program.code().toLowerCase(),
                program.name() + " (" + program.code() + ")",
                program.description() != null ? program.description() : program.name(),
                program.criteria() != null ? program.criteria() : "Awarded by " + program.awardingBody().name() + ".");
        return new CredentialContent(c.credentialId(base), new IssuerProfile(issuerId(program), program.awardingBody().name()),
                achievement, c.holderUri(base), c.holderName(), c.holderEmail(), c.emailSalt(), c.number(), c.awardedAt(),
                c.validFrom(), c.validUntil(), new StatusEntry(statusListUrl(c.statusList()), c.statusIndex()));
    }
}
