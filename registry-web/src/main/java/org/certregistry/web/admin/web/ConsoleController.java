package org.certregistry.web.admin.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.issuer.number.InvalidCertificateNumberException;
import org.certregistry.web.admin.AdminCertificates;
import org.certregistry.web.admin.IdempotencyKeyReusedException;
import org.certregistry.web.admin.IdempotentRequests;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateFilter;
import org.certregistry.web.certificate.CertificateNotFoundException;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.ceu.CeuLedger;
import org.certregistry.web.certificate.DuplicateCertificateException;
import org.certregistry.web.certificate.Issuance;
import org.certregistry.web.certificate.IssueCertificate;
import org.certregistry.web.certificate.IssuedCertificate;
import org.certregistry.web.certificate.Lifecycle;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.certificate.ceu.RecordCeus;
import org.certregistry.web.certificate.RevocationCategory;
import org.certregistry.web.ceu.CeuSubmission;
import org.certregistry.web.ceu.CeuSubmissions;
import org.certregistry.web.i18n.LanguageMenu;
import org.certregistry.web.i18n.Languages;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.problem.Problem;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The admin console's certificate pages: the list with filters, a certificate's detail with its
 * history and the actions its state allows, the issue form, CEU entry and renewal. Every form
 * carries the version it was rendered from, so a change made meanwhile by someone else is
 * refused instead of overwritten. The issue form carries a one-time key ({@link FormKeys}), so the
 * same form sent twice issues once; revoking, which cannot be undone, asks to be confirmed first.
 *
 * <p>Over 250 lines: one handler per console form, each a few lines, sharing the version check, the
 * refusal page and the "not found" page; the forms' records are nested here because only these
 * handlers bind them.
 */
@Controller
class ConsoleController {

    private final Certificates certificates;
    private final Issuance issuance;
    private final Lifecycle lifecycle;
    private final CeuLedger ceuLedger;
    private final AdminCertificates admin;
    private final ProgramCatalog programs;
    private final RegistryUrls urls;
    private final IdempotentRequests idempotent;
    private final ConsoleWords words;
    private final Languages languages;
    private final CeuSubmissions submissions;
    private final Clock clock;

    ConsoleController(Certificates certificates, Issuance issuance, Lifecycle lifecycle, CeuLedger ceuLedger,
            AdminCertificates admin, ProgramCatalog programs, RegistryUrls urls, IdempotentRequests idempotent,
            ConsoleWords words, Languages languages, CeuSubmissions submissions, Clock clock) {
        this.submissions = submissions;
        this.idempotent = idempotent;
        this.words = words;
        this.languages = languages;
        this.certificates = certificates;
        this.issuance = issuance;
        this.lifecycle = lifecycle;
        this.ceuLedger = ceuLedger;
        this.admin = admin;
        this.programs = programs;
        this.urls = urls;
        this.clock = clock;
    }

    /** The number a console URL names; a malformed one errors as the console's "not found" page expects. */
    private static Mono<CertificateNumber> parsed(String number) {
        return Mono.fromCallable(() -> CertificateNumber.parse(number));
    }

    /** @param confirm {@code yes} on the confirmation page of an action that cannot be undone (revoking) */
    record ActionForm(Integer version, String reason, String publicReason, String confirm) {

        boolean confirmed() {
            return "yes".equals(confirm);
        }
    }

    /**
     * @param formKey the form's one-time key ({@link FormKeys})
     * @param duplicate {@code intended} when the admin ticked "issue anyway" for an address that has an active certificate
     * @param language the holder's language for their e-mails ({@code fr}, …), blank when not known (English)
     */
    record IssueForm(String program, String name, String email, LocalDate awardedOn, String listed, String formKey,
            String duplicate, String language) {

        IssueForm withKey(String key) {
            return new IssueForm(program, name, email, awardedOn, listed, key, duplicate, language);
        }

        /** What was typed, by the field name an issuance problem names. */
        Map<String, String> given() {
            Map<String, String> given = new LinkedHashMap<>();
            given.put("program", program);
            given.put("holder.name", name);
            given.put("holder.email", email);
            given.put("awardedOn", awardedOn == null ? null : awardedOn.toString());
            given.put("language", language);
            return given;
        }

        Issuance.Duplicate duplicateChoice() {
            return "intended".equals(duplicate) ? Issuance.Duplicate.INTENDED : Issuance.Duplicate.REFUSED;
        }
    }

    record CeuForm(String category, String measure, Integer quantity, LocalDate earnedOn, String description) {

        Map<String, String> given() {
            Map<String, String> given = new LinkedHashMap<>();
            given.put("category", category);
            given.put("measure", measure);
            given.put("quantity", quantity == null ? null : quantity.toString());
            given.put("description", description);
            return given;
        }
    }

    @GetMapping("/admin/certificates")
    Mono<String> list(@RequestParam(required = false) String program, @RequestParam(required = false) String status,
            @RequestParam(required = false) String expiringSoon, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
        PublicStatus wanted = null;
        try {
            wanted = PublicStatus.parse(status);
        }
        catch (InvalidRequestException ex) {
            String shown = status.strip().length() > 40 ? status.strip().substring(0, 40) + "…" : status.strip();
            model.addAttribute("refusals", java.util.List.of(words.text(locale, "console.problem.unknown-status", shown,
                    words.statuses(locale))));
        }
        CertificateFilter filter = new CertificateFilter(program, wanted, expiringSoon != null && !expiringSoon.isBlank(), q,
                page, 50);
        model.addAttribute("filter", filter);
        model.addAttribute("programs", programs.all());
        model.addAttribute("statuses", PublicStatus.values());
        return admin.list(filter).doOnNext(listing -> model.addAttribute("listing", listing)).thenReturn("admin/certificates");
    }

    @GetMapping("/admin/certificates/{number}")
    Mono<String> detail(@PathVariable String number, @RequestParam(required = false) String done, Model model,
            ServerWebExchange exchange, Locale locale) {
        if (done != null) {
            switch (done) {
                case "suspended", "reinstated", "revoked", "renewed", "ceus" ->
                    model.addAttribute("notice", words.text(locale, "console.done." + done));
                case "already-sent" -> model.addAttribute("alreadySent", true);
                default -> {
                }
            }
        }
        return page(number, model, exchange, HttpStatus.OK);
    }

    @PostMapping("/admin/certificates/{number}/{action:suspend|reinstate|revoke|renew}")
    Mono<String> act(@PathVariable String number, @PathVariable String action, @ModelAttribute ActionForm form,
            Principal user, Model model, ServerWebExchange exchange, Locale locale) {
        String actor = user.getName();
        if (action.equals("revoke") && !form.confirmed()) {
            return confirmRevoke(number, form, actor, model, exchange, locale);
        }
        Mono<Certificate> change = parsed(number).flatMap(n -> switch (action) {
            case "suspend" -> lifecycle.suspend(n, form.version(), form.reason(), actor);
            case "reinstate" -> lifecycle.reinstate(n, form.version(), form.reason(), actor);
            case "revoke" -> lifecycle.revoke(n, form.version(), form.reason(), RevocationCategory.parse(form.publicReason()), actor);
            default -> lifecycle.renew(n, form.version(), actor);
        });
        String past = switch (action) {
            case "suspend" -> "suspended";
            case "reinstate" -> "reinstated";
            case "revoke" -> "revoked";
            default -> "renewed";
        };
        return change.map(c -> "redirect:/admin/certificates/" + c.number() + "?done=" + past)
            .onErrorResume(ex -> refused(ex, number, Map.of("reason", form.reason() == null ? "" : form.reason()), model,
                    exchange, locale));
    }

    @PostMapping("/admin/certificates/{number}/ceus")
    Mono<String> recordCeus(@PathVariable String number, @ModelAttribute CeuForm form, Principal user, Model model,
            ServerWebExchange exchange, Locale locale) {
        return parsed(number).flatMap(n -> certificates.find(n)
            .map(c -> RecordCeus.of(certificates.program(c).renewal(), form.category(), form.measure(), form.quantity(),
                    form.earnedOn(), form.description()))
            .flatMap(command -> ceuLedger.record(n, command, user.getName())))
            .map(entry -> "redirect:/admin/certificates/" + number + "?done=ceus")
            .onErrorResume(ex -> {
                model.addAttribute("ceuForm", form);
                return refused(ex, number, form.given(), model, exchange, locale);
            });
    }

    /** The issue form; ADMIN only ({@code AdminSecurity}): an auditor is refused before it is shown. */
    @GetMapping("/admin/certificates/new")
    String issueForm(Model model, ServerWebExchange exchange) {
        model.addAttribute("programs", programs.all());
        model.addAttribute("holderLanguages", LanguageMenu.of(languages, exchange).options());
        model.addAttribute("form", new IssueForm("", "", "", LocalDate.now(clock.withZone(ZoneOffset.UTC)), "yes",
                FormKeys.fresh(clock), null, ""));
        return "admin/issue";
    }

    /**
     * Issues once per form: the form's key goes through {@link IdempotentRequests}, so the same form
     * sent again (a refresh of this answer, which stays at the form's address) is redirected to the
     * certificate it issued, saying so; the holder's private link is shown in the first answer only
     * and stored nowhere.
     */
    @PostMapping("/admin/certificates/new")
    Mono<String> issue(@ModelAttribute IssueForm form, Principal user, Model model, ServerWebExchange exchange,
            Locale locale) {
        if (!FormKeys.usable(form.formKey(), clock)) {
            model.addAttribute("formStale", true);
            return issueFormAgain(form.withKey(FormKeys.fresh(clock)), HttpStatus.BAD_REQUEST, model, exchange);
        }
        Instant awarded = form.awardedOn() == null ? null : form.awardedOn().atStartOfDay(ZoneOffset.UTC).toInstant();
        AtomicReference<IssuedCertificate> issuedNow = new AtomicReference<>();
        // the key's row keeps only where the certificate is: nothing of the private link
        return idempotent.once(user.getName(), "console-issue:" + form.formKey(), form.toString(),
                () -> Mono.fromCallable(() -> IssueCertificate.of(programs, form.program(), form.name(), form.email(),
                        !"no".equals(form.listed()), awarded, form.language(), languages, clock.instant()))
                    .flatMap(command -> issuance.issue(command, user.getName(), form.duplicateChoice()))
                    .doOnNext(issuedNow::set)
                    .map(issued -> new IdempotentRequests.Answer(HttpStatus.SEE_OTHER.value(),
                            "/admin/certificates/" + issued.certificate().number(), "", "", false)))
            .map(answer -> {
                if (answer.replayed()) {
                    return "redirect:" + answer.location() + "?done=already-sent";
                }
                IssuedCertificate issued = issuedNow.get();
                // the holder's private link exists only now: show it once instead of redirecting
                model.addAttribute("issued", admin.view(issued.certificate()));
                model.addAttribute("holderUrl", urls.holderPage(issued.holderToken()));
                // answers a POST: the language switcher goes to the certificate (the private link is not shown again)
                model.addAttribute("languagePage", "/admin/certificates/" + issued.certificate().number());
                return "admin/issued";
            })
            .onErrorResume(DuplicateCertificateException.class, ex -> {
                model.addAttribute("duplicateOf", ex.existing());
                return issueFormAgain(form, HttpStatus.CONFLICT, model, exchange);
            })
            .onErrorResume(IdempotencyKeyReusedException.class, ex -> {
                // the form was sent before with other details (back, edit, send): a new key lets the admin send it on purpose
                model.addAttribute("formReused", true);
                return issueFormAgain(form.withKey(FormKeys.fresh(clock)), HttpStatus.CONFLICT, model, exchange);
            })
            .onErrorResume(InvalidRequestException.class, ex -> {
                model.addAttribute("refusals", words.problems(ex, form.given(), locale));
                return issueFormAgain(form, HttpStatus.BAD_REQUEST, model, exchange);
            });
    }

    /** The issue form again, as sent, with why nothing was issued (in the model); the key stays unless replaced. */
    private Mono<String> issueFormAgain(IssueForm form, HttpStatus status, Model model, ServerWebExchange exchange) {
        exchange.getResponse().setStatusCode(status);
        model.addAttribute("programs", programs.all());
        model.addAttribute("holderLanguages", LanguageMenu.of(languages, exchange).options());
        model.addAttribute("form", form);
        model.addAttribute("languagePage", "/admin/certificates/new");
        return Mono.just("admin/issue");
    }

    /**
     * The step before a revocation: what will happen, with the reasons given, and a button that sends
     * the same form with {@code confirm=yes}; nothing is changed. A request the revocation would refuse
     * anyway (no reason, a certificate already revoked, or changed since the form was shown) is
     * refused at once, as without the step.
     */
    private Mono<String> confirmRevoke(String number, ActionForm form, String actor, Model model, ServerWebExchange exchange,
            Locale locale) {
        return parsed(number).flatMap(admin::find).flatMap(c -> {
            boolean refusedAnyway = form.reason() == null || form.reason().isBlank() || !c.allowedActions().contains("revoke")
                    || (form.version() != null && form.version() != c.version());
            if (refusedAnyway) {
                return lifecycle.revoke(CertificateNumber.parse(c.number()), form.version(), form.reason(),
                        RevocationCategory.parse(form.publicReason()), actor)
                    .map(revoked -> "redirect:/admin/certificates/" + revoked.number() + "?done=revoked");
            }
            RevocationCategory category = RevocationCategory.parse(form.publicReason());
            model.addAttribute("c", c);
            model.addAttribute("form", new ActionForm(form.version() == null ? c.version() : form.version(), form.reason().strip(),
                    category == null ? "" : slug(category), null));
            model.addAttribute("publicReasonKey",
                    "admin.certificate.public-reason." + (category == null ? "none" : slug(category)));
            model.addAttribute("languagePage", "/admin/certificates/" + c.number());
            return Mono.just("admin/revoke");
        }).onErrorResume(ex -> refused(ex, number, Map.of(), model, exchange, locale));
    }

    private static String slug(RevocationCategory category) {
        return category.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * Shows the certificate again with why the change was refused; nothing was changed. Invalid
     * fields are named by their label and the value given ({@code given}, by the problem's field),
     * once each; other refusals keep the registry's own sentence.
     */
    private Mono<String> refused(Throwable ex, String number, Map<String, String> given, Model model,
            ServerWebExchange exchange, Locale locale) {
        if (ex instanceof CertificateNotFoundException || ex instanceof InvalidCertificateNumberException) {
            return notFound(number, model, exchange);
        }
        if (!(ex instanceof Problem problem)) {
            return Mono.error(ex);
        }
        if (problem instanceof InvalidRequestException invalid) {
            model.addAttribute("refusals", words.problems(invalid, given, locale));
        }
        else {
            model.addAttribute("problem", ex.getMessage());
        }
        model.addAttribute("languagePage", "/admin/certificates/" + number);
        // the page answers with the status the problem carries, as the API does
        return page(number, model, exchange, problem.status());
    }

    private Mono<String> page(String number, Model model, ServerWebExchange exchange, HttpStatus status) {
        Locale locale = exchange.getLocaleContext().getLocale();
        // the holder's submissions waiting for review, so that whoever renews sees what may still count
        return parsed(number).flatMap(n -> Mono.zip(admin.detail(n), certificates.find(n).flatMapMany(submissions::of)
            .filter(s -> s.status() == CeuSubmission.Status.PENDING).collectList())).map(found -> {
                AdminCertificates.Detail detail = found.getT1();
                exchange.getResponse().setStatusCode(status);
                model.addAttribute("detail", detail);
                model.addAttribute("history", words.history(detail.history(), locale == null ? Locale.ENGLISH : locale));
                model.addAttribute("pendingSubmissions", found.getT2());
                model.addAttribute("c", detail.certificate());
                if (!model.containsAttribute("ceuForm")) {
                    model.addAttribute("ceuForm", new CeuForm(null, "ceu", null, LocalDate.now(clock.withZone(ZoneOffset.UTC)), null));
                }
                model.addAttribute("measures", detail.ceus().policy().measures());
                model.addAttribute("categories", detail.ceus().policy().categories());
                return "admin/certificate";
            }).onErrorResume(ex -> ex instanceof CertificateNotFoundException || ex instanceof InvalidCertificateNumberException,
                    ex -> notFound(number, model, exchange));
    }

    private Mono<String> notFound(String number, Model model, ServerWebExchange exchange) {
        exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
        model.addAttribute("number", number);
        return Mono.just("admin/not-found");
    }

}
