package org.certregistry.web.certificate;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Work another module does inside the transaction of an issuance or a change, so that it is
 * stored with the change or not at all (the e-mail outbox writes the holder's notice here). The
 * certificate module calls every such bean and knows none of them.
 */
public interface ChangeParticipant {

    /** Certificates just issued, with their holders' private tokens (the only moment those exist in clear). */
    default Mono<Void> issued(List<IssuedCertificate> issued) {
        return Mono.empty();
    }

    /** A change about to be committed: the certificate before and after, and the reason given. */
    default Mono<Void> changed(CertificateAction action, Certificate before, Certificate after, String reason) {
        return Mono.empty();
    }
}
