package org.certregistry.web.mail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateAction;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.ChangeParticipant;
import org.certregistry.web.certificate.HolderAddresses;
import org.certregistry.web.certificate.IssuedCertificate;
import org.certregistry.web.i18n.Languages;
import org.certregistry.web.program.Program;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The holder's e-mails about their certificate, written to the outbox in the transaction of the
 * issuance or change: the private link at issuance, renewal, suspension, reinstatement and
 * revocation. Each is written in the holder's language (given at issuance, remembered from the
 * holder's pages: {@link HolderAddresses#contactOf}), English when it is not known.
 */
@Component
class CertificateMail implements ChangeParticipant {

    private final Outbox outbox;
    private final Certificates certificates;
    private final HolderAddresses addresses;
    private final RegistryUrls urls;

    CertificateMail(Outbox outbox, Certificates certificates, HolderAddresses addresses, RegistryUrls urls) {
        this.outbox = outbox;
        this.certificates = certificates;
        this.addresses = addresses;
        this.urls = urls;
    }

    @Override
    public Mono<Void> issued(List<IssuedCertificate> issued) {
        return outbox.enqueueAll(issued.stream().filter(i -> hasAddress(i.certificate())).map(i -> {
            Map<String, Object> model = model(i.certificate());
            model.put("holderUrl", new PrivateLink(urls.holderPage(i.holderToken())));
            return mail(MailKind.ISSUED, i.certificate(), new HolderAddresses.Contact(i.certificate().holderEmail(),
                    i.holderLanguage() == null ? Languages.DEFAULT : i.holderLanguage()), model);
        }).toList()).then();
    }

    @Override
    public Mono<Void> changed(CertificateAction action, Certificate before, Certificate after, String reason) {
        MailKind kind = switch (action) {
            case RENEWED -> MailKind.RENEWED;
            case SUSPENDED -> MailKind.SUSPENDED;
            case REINSTATED -> MailKind.REINSTATED;
            case REVOKED -> MailKind.REVOKED;
            default -> null;
        };
        if (kind == null || !hasAddress(after)) {
            return Mono.empty();
        }
        // the reason an admin types is internal (the history keeps it): the holder is told what happened, not why;
        // the console's form says so (issue 20, item 6)
        Map<String, Object> model = model(after);
        return addresses.contactOf(after).flatMap(to -> outbox.enqueue(mail(kind, after, to, model))).then();
    }

    /** What every certificate message shows. */
    Map<String, Object> model(Certificate certificate) {
        Program program = certificates.program(certificate);
        Map<String, Object> model = new HashMap<>();
        model.put("holderName", certificate.holderName());
        model.put("programName", program.name());
        model.put("programCode", program.code());
        model.put("number", certificate.number());
        // written in the message's language by MailComposer
        model.put("validUntil", certificate.validUntil());
        model.put("verificationUrl", urls.verificationPage(certificate.number()));
        model.put("signInUrl", urls.holderSignIn());
        model.put("holderAreaUrl", urls.holderArea());
        return model;
    }

    /** A message about {@code certificate} to the address its holder is reached at, in their language. */
    Mono<OutgoingMail> mail(MailKind kind, Certificate certificate, Map<String, Object> model) {
        return addresses.contactOf(certificate).map(to -> mail(kind, certificate, to, model));
    }

    OutgoingMail mail(MailKind kind, Certificate certificate, HolderAddresses.Contact to, Map<String, Object> model) {
        return OutgoingMail.of(kind, to.address(), to.language(), model, model.get("programCode"),
                certificate.number()).about(certificate.number());
    }

    private static boolean hasAddress(Certificate certificate) {
        return !Objects.requireNonNullElse(certificate.holderEmail(), "").isBlank();
    }
}
