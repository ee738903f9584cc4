package org.certregistry.web.holder.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.ceu.CeuLedger;
import org.certregistry.web.certificate.publicrecord.PublicRecords;
import org.certregistry.web.ceu.CeuProperties;
import org.certregistry.web.ceu.CeuSubmissions;
import org.certregistry.web.ceu.CycleProgress;
import org.certregistry.web.ceu.Evidence;
import org.certregistry.web.ceu.RenewalRequests;
import org.certregistry.web.ceu.TooManyPendingException;
import org.certregistry.web.http.UploadedBytes;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.problem.PayloadTooLargeException;
import org.certregistry.web.problem.Problem;
import org.certregistry.web.program.Program;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One certificate in the holder area: the current cycle, progress by category against the
 * program's rule, the holder's submissions and their decisions, the form to submit an activity
 * with evidence, and renewal.
 */
@Controller
class HolderCeuController {

    private final HolderSession session;
    private final Certificates certificates;
    private final CeuLedger ledger;
    private final CeuSubmissions submissions;
    private final PublicRecords records;
    private final CeuProperties properties;
    private final HolderRenewalView renewal;
    private final RenewalRequests requests;
    private final Messages messages;
    private final Clock clock;

    HolderCeuController(HolderSession session, Certificates certificates, CeuLedger ledger, CeuSubmissions submissions,
            PublicRecords records, CeuProperties properties, HolderRenewalView renewal, RenewalRequests requests,
            Messages messages, Clock clock) {
        this.session = session;
        this.certificates = certificates;
        this.ledger = ledger;
        this.submissions = submissions;
        this.records = records;
        this.properties = properties;
        this.renewal = renewal;
        this.requests = requests;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/holder/certificates/{number}")
    Mono<String> page(@PathVariable String number, @RequestParam(required = false) String saved, Model model,
            ServerWebExchange exchange) {
        HolderAreaController.privatePage(exchange);
        return session.own(exchange, number).flatMap(c -> render(c, model.addAttribute("saved", saved)))
            .defaultIfEmpty("redirect:/holder");
    }

    @PostMapping("/holder/certificates/{number}/ceus")
    Mono<String> submit(@PathVariable String number, Model model, ServerWebExchange exchange) {
        HolderAreaController.privatePage(exchange);
        return session.own(exchange, number).flatMap(certificate -> exchange.getMultipartData()
            .flatMap(form -> evidence(form).flatMap(evidence -> submissions.submit(certificate, field(form, "category"),
                    field(form, "measure"), quantity(field(form, "quantity")), date(field(form, "earnedOn")),
                    field(form, "activity"), evidence)))
            .map(stored -> "redirect:/holder/certificates/" + number + "?saved=submitted")
            .onErrorMap(DataBufferLimitException.class, ex -> tooLarge())
            .onErrorResume(TooManyPendingException.class, refused -> {
                exchange.getResponse().setStatusCode(refused.status());
                model.addAttribute("problem", messages.forReader(exchange, refused.limit() == TooManyPendingException.Limit.SUBMISSIONS
                        ? "holder-certificate.problem.too-many-pending"
                        : "holder-certificate.problem.too-much-evidence-pending", refused.maximum()));
                model.addAttribute("problemInPageLanguage", true);
                return render(certificate, model);
            })
            .onErrorResume(Problem.class, problem -> {
                exchange.getResponse().setStatusCode(problem.status());
                model.addAttribute("problem", problem.getMessage());
                return render(certificate, model);
            }))
            .defaultIfEmpty("redirect:/holder");
    }

    @PostMapping("/holder/certificates/{number}/renewal")
    Mono<String> renew(@PathVariable String number, Model model, ServerWebExchange exchange) {
        HolderAreaController.privatePage(exchange);
        return session.email(exchange).flatMap(email -> session.own(exchange, number).flatMap(certificate -> requests
            .request(certificate, "holder " + email)
            .map(outcome -> "redirect:/holder/certificates/" + number + "?saved="
                    + (outcome == RenewalRequests.Outcome.RENEWED ? "renewed" : "renewal-requested"))
            .onErrorResume(Problem.class, problem -> {
                exchange.getResponse().setStatusCode(problem.status());
                model.addAttribute("problem", problem.getMessage());
                return render(certificate, model);
            })))
            .defaultIfEmpty("redirect:/holder");
    }

    Mono<String> render(Certificate certificate, Model model) {
        Program program = certificates.program(certificate);
        // answering a form (a CEU, a renewal) on a path that takes no GET: the switcher goes back to the page itself
        model.addAttribute("languagePage", "/holder/certificates/" + certificate.number());
        return ledger.earnedThisCycle(certificate).flatMap(earned -> submissions.of(certificate).collectList().flatMap(list -> {
            model.addAttribute("record", records.of(certificate));
            model.addAttribute("program", program);
            model.addAttribute("progress", CycleProgress.of(certificate, program, earned, clock.instant()));
            model.addAttribute("submissions", list);
            model.addAttribute("maxEvidenceMb", properties.maxEvidence().toMegabytes());
            return renewal.describe(certificate, program, earned, model);
        }).thenReturn("holder-certificate"));
    }

    private Mono<Evidence> evidence(MultiValueMap<String, Part> form) {
        if (!(form.getFirst("evidence") instanceof FilePart file)) {
            return Mono.error(InvalidRequestException.of("evidence", "is required: a PDF or a picture (PNG, JPEG or WebP)"));
        }
        int max = (int) properties.maxEvidence().toBytes();
        return UploadedBytes.read(file.content(), max).map(bytes -> Evidence.of(bytes, file.filename())).switchIfEmpty(Mono.fromCallable(() -> Evidence.of(new byte[0], file.filename())));
    }

    private PayloadTooLargeException tooLarge() {
        return new PayloadTooLargeException("The evidence is larger than " + properties.maxEvidence().toMegabytes()
                + " MB: send a smaller PDF or picture");
    }

    private static String field(MultiValueMap<String, Part> form, String name) {
        return form.getFirst(name) instanceof FormFieldPart field ? field.value() : null;
    }

    private static Integer quantity(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        }
        catch (NumberFormatException ex) {
            throw InvalidRequestException.of("quantity", "must be a whole number");
        }
    }

    private static LocalDate date(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        }
        catch (DateTimeParseException ex) {
            throw InvalidRequestException.of("earnedOn", "must be a date (YYYY-MM-DD)");
        }
    }

}
