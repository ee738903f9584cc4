package org.certregistry.web.holder.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.ceu.CeuLedger;
import org.certregistry.web.certificate.publicrecord.PublicRecords;
import org.certregistry.web.ceu.CeuProperties;
import org.certregistry.web.ceu.CeuSubmissions;
import org.certregistry.web.ceu.CycleProgress;
import org.certregistry.web.ceu.RenewalRequests;
import org.certregistry.web.ceu.TooManyPendingException;
import org.certregistry.web.http.UploadedBytes;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.problem.Problem;
import org.certregistry.web.program.Program;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
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
        Locale language = exchange.getLocaleContext().getLocale();
        return session.own(exchange, number).flatMap(certificate -> exchange.getMultipartData().flatMap(parts -> {
            CeuForm form = new CeuForm(field(parts, "activity"), field(parts, "category"), field(parts, "measure"),
                    field(parts, "quantity"), field(parts, "earnedOn"));
            return upload(parts).flatMap(upload -> {
                Program program = certificates.program(certificate);
                CeuForm.Checked checked = form.check(certificate, program.renewal(), upload, properties.maxEvidence().toMegabytes(),
                        LocalDate.now(clock.withZone(ZoneOffset.UTC)), messages, language);
                if (!checked.accepted()) {
                    // nothing is stored; the page comes back with what was typed and each problem beside its field
                    exchange.getResponse().setStatusCode(upload != null && upload.tooLarge() ? HttpStatus.PAYLOAD_TOO_LARGE
                            : HttpStatus.BAD_REQUEST);
                    model.addAttribute("form", form);
                    model.addAttribute("fieldProblems", checked.problems());
                    return render(certificate, model);
                }
                return submissions.submit(certificate, form.category().strip(), form.measure(), form.quantityValue(),
                        form.earnedOnValue(), form.activity(), checked.evidence())
                    .map(stored -> "redirect:/holder/certificates/" + number + "?saved=submitted");
            })
            .onErrorResume(TooManyPendingException.class, refused -> {
                exchange.getResponse().setStatusCode(refused.status());
                model.addAttribute("form", form);
                model.addAttribute("problem", messages.in(language, refused.limit() == TooManyPendingException.Limit.SUBMISSIONS
                        ? "holder-certificate.problem.too-many-pending"
                        : "holder-certificate.problem.too-much-evidence-pending", refused.maximum()));
                model.addAttribute("problemInPageLanguage", true);
                return render(certificate, model);
            })
            .onErrorResume(Problem.class, problem -> {
                exchange.getResponse().setStatusCode(problem.status());
                model.addAttribute("form", form);
                model.addAttribute("problem", problem.getMessage());
                return render(certificate, model);
            });
        })).defaultIfEmpty("redirect:/holder");
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
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", CeuForm.EMPTY);
        }
        if (!model.containsAttribute("fieldProblems")) {
            model.addAttribute("fieldProblems", Map.of());
        }
        return ledger.earnedThisCycle(certificate).flatMap(earned -> submissions.of(certificate).collectList()
            .zipWith(ledger.all(certificate).collectList()).flatMap(lists -> {
            model.addAttribute("record", records.of(certificate));
            model.addAttribute("program", program);
            model.addAttribute("progress", CycleProgress.of(certificate, program, earned, clock.instant()));
            model.addAttribute("ceus", CeuList.of(certificate.credentialVersion(), lists.getT1(), lists.getT2()));
            model.addAttribute("maxEvidenceMb", properties.maxEvidence().toMegabytes());
            return renewal.describe(certificate, program, earned, model);
        }).thenReturn("holder-certificate"));
    }

    /** The form's file: its bytes (none when no file was chosen), or that it is larger than may be sent. */
    private Mono<CeuForm.Upload> upload(MultiValueMap<String, Part> form) {
        if (!(form.getFirst("evidence") instanceof FilePart file)) {
            return Mono.just(new CeuForm.Upload(new byte[0], null, false));
        }
        int max = (int) properties.maxEvidence().toBytes();
        return UploadedBytes.read(file.content(), max).map(bytes -> new CeuForm.Upload(bytes, file.filename(), false))
            .defaultIfEmpty(new CeuForm.Upload(new byte[0], file.filename(), false))
            .onErrorResume(DataBufferLimitException.class, ex -> Mono.just(new CeuForm.Upload(new byte[0], file.filename(), true)));
    }

    private static String field(MultiValueMap<String, Part> form, String name) {
        return form.getFirst(name) instanceof FormFieldPart field ? field.value() : null;
    }

}
