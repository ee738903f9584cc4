package org.certregistry.web.holder.web;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.HolderAddresses;
import org.certregistry.web.certificate.Lifecycle;
import org.certregistry.web.certificate.publicrecord.PublicRecord;
import org.certregistry.web.certificate.publicrecord.PublicRecords;
import org.certregistry.web.holder.HolderCertificates;
import org.certregistry.web.i18n.Languages;
import org.certregistry.web.program.Program;
import org.certregistry.web.tally.Tally;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The holder's private page {@code /h/{token}}: downloads, the share link, "Add to LinkedIn",
 * and the choice to be listed in the public directory (a plain form; takes effect at once and
 * is recorded in the certificate's history).
 */
@Controller
class HolderPageController {

    private final HolderCertificates holders;
    private final Lifecycle lifecycle;
    private final PublicRecords records;
    private final Tally tally;
    private final HolderAddresses addresses;
    private final Languages languages;
    private final Certificates certificates;

    HolderPageController(HolderCertificates holders, Lifecycle lifecycle, PublicRecords records, Tally tally,
            HolderAddresses addresses, Languages languages, Certificates certificates) {
        this.certificates = certificates;
        this.addresses = addresses;
        this.languages = languages;
        this.holders = holders;
        this.lifecycle = lifecycle;
        this.records = records;
        this.tally = tally;
    }

    /** The form's one field; anything but "true" or "false" is refused. */
    record ListingForm(String listed) {
    }

    @GetMapping("/h/{token}")
    Mono<String> page(@PathVariable String token, @RequestParam(required = false) String saved, Model model,
            ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore().cachePrivate());
        exchange.getResponse().getHeaders().set("X-Robots-Tag", "noindex");
        // the holder switched language on their own page: their e-mails about this certificate follow
        Optional<Locale> chosen = languages.find(exchange.getRequest().getQueryParams().getFirst("lang"));
        return holders.byToken(token)
            .flatMap(certificate -> chosen.map(l -> addresses.rememberLanguage(certificate, l)).orElse(Mono.empty()).thenReturn(certificate))
            .zipWhen(certificate -> tally.ofCertificate(certificate.id())).map(found -> {
            var certificate = found.getT1();
            model.addAttribute("looks", found.getT2());
            PublicRecord record = records.of(certificate);
            model.addAttribute("record", record);
            model.addAttribute("listed", certificate.listed());
            model.addAttribute("token", token);
            model.addAttribute("linkedIn", linkedIn(record, certificates.program(certificate).awardingBody()));
            model.addAttribute("saved", saved);
            return "holder";
        });
    }

    @PostMapping(path = "/h/{token}/listing")
    Mono<ResponseEntity<Void>> listing(@PathVariable String token, @ModelAttribute ListingForm form) {
        if (form.listed() == null || !(form.listed().equals("true") || form.listed().equals("false"))) {
            return Mono.just(ResponseEntity.status(HttpStatus.BAD_REQUEST).build());
        }
        boolean wanted = Boolean.parseBoolean(form.listed());
        return holders.byToken(token).flatMap(certificate -> certificate.listed() == wanted ? Mono.just(certificate)
                : lifecycle.changeListing(CertificateNumber.parse(certificate.number()), wanted, "holder"))
            // post/redirect/get: a reload does not resubmit
            .map(changed -> ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create("/h/" + token + "?saved=" + (changed.listed() ? "listed" : "unlisted")))
                .build());
    }

    /**
     * LinkedIn's "add a certification" link, pre-filled (https://addtoprofile.linkedin.com): the awarding body by its
     * LinkedIn organisation id when the program's configuration gives one (its page is then linked on the profile), and by
     * name always.
     */
    static String linkedIn(PublicRecord record, Program.AwardingBody body) {
        ZonedDateTime from = record.validFrom().atZone(ZoneOffset.UTC);
        ZonedDateTime until = record.validUntil().atZone(ZoneOffset.UTC);
        return UriComponentsBuilder.fromUriString("https://www.linkedin.com/profile/add")
            .queryParam("startTask", "CERTIFICATION_NAME")
            .queryParam("name", record.program().name() + " (" + record.program().code() + ")")
            .queryParam("organizationName", record.program().awardedBy())
            .queryParamIfPresent("organizationId", Optional.ofNullable(body.linkedInOrganizationId()))
            .queryParam("issueYear", from.getYear())
            .queryParam("issueMonth", from.getMonthValue())
            .queryParam("expirationYear", until.getYear())
            .queryParam("expirationMonth", until.getMonthValue())
            .queryParam("certUrl", record.verificationUrl())
            .queryParam("certId", record.number())
            .encode()
            .build()
            .toUriString();
    }

}
