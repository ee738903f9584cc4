package org.certregistry.web.admin.web;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.admin.AdminCertificate;
import org.certregistry.web.admin.AdminCertificates;
import org.certregistry.web.admin.IdempotentRequests;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateFilter;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.ceu.CeuLedger;
import org.certregistry.web.certificate.ceu.CeuRecord;
import org.certregistry.web.certificate.Issuance;
import org.certregistry.web.certificate.IssueCertificate;
import org.certregistry.web.certificate.Lifecycle;
import org.certregistry.web.certificate.publicrecord.PublicRecord;
import org.certregistry.web.certificate.publicrecord.PublicRecords;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.certificate.ceu.RecordCeus;
import org.certregistry.web.certificate.RevocationCategory;
import org.certregistry.web.i18n.Languages;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API. Reads are open to ADMIN and AUDITOR, changes to ADMIN only (see
 * {@code AdminSecurity}). Every certificate answer carries its version as an ETag; a change sent
 * with {@code If-Match} is refused with 409 when someone else changed the certificate meanwhile.
 * Just over 250 lines: one handler per verb of the admin API, each a few lines; splitting by verb
 * would scatter the shared ETag and problem handling.
 */
@RestController
class AdminCertificateController {

    private final Certificates certificates;
    private final Issuance issuance;
    private final Lifecycle lifecycle;
    private final CeuLedger ceuLedger;
    private final RegistryUrls urls;
    private final AdminCertificates admin;
    private final PublicRecords records;
    private final ProgramCatalog programs;
    private final IdempotentRequests idempotent;
    private final JsonMapper json;
    private final Clock clock;
    private final Languages languages;

    AdminCertificateController(Certificates certificates, Issuance issuance, Lifecycle lifecycle, CeuLedger ceuLedger,
            RegistryUrls urls, AdminCertificates admin, PublicRecords records,
            ProgramCatalog programs, IdempotentRequests idempotent, JsonMapper json, Languages languages, Clock clock) {
        this.languages = languages;
        this.certificates = certificates;
        this.issuance = issuance;
        this.lifecycle = lifecycle;
        this.ceuLedger = ceuLedger;
        this.urls = urls;
        this.admin = admin;
        this.records = records;
        this.programs = programs;
        this.idempotent = idempotent;
        this.json = json;
        this.clock = clock;
    }

    record HolderInput(String name, String email) {
    }

    /**
     * @param language the holder's language ({@code fr}, {@code es}, …: one the registry offers), for their e-mails; optional
     * @param duplicate {@code intended} to issue although the address has an active certificate of the program (else 409)
     */
    record IssueRequest(String program, HolderInput holder, Boolean listed, LocalDate awardedOn, String language,
            String duplicate) {
    }

    /** The API's word for a second certificate that is meant. */
    static final String INTENDED = "intended";

    /** What {@code "duplicate"} says: absent, or {@value #INTENDED}. */
    static Issuance.Duplicate duplicate(String value) {
        if (value == null || value.isBlank()) {
            return Issuance.Duplicate.REFUSED;
        }
        if (INTENDED.equalsIgnoreCase(value.strip())) {
            return Issuance.Duplicate.INTENDED;
        }
        throw InvalidRequestException.of("duplicate", "must be \"" + INTENDED + "\" (to issue a second active certificate "
                + "of the program to the same address) or absent");
    }

    /**
     * The answer to an issuance. {@code holderUrl} is in the first answer only; a replay under the
     * same {@code Idempotency-Key} has {@code holderUrl} null and says why in {@code holderUrlWithheld}.
     */
    record IssueResponse(String number, PublicRecord certificate, String holderUrl, String verificationUrl, String credential,
            @JsonInclude(JsonInclude.Include.NON_NULL) String holderUrlWithheld) {

        static final String WITHHELD = "The holder's private link is shown only in the first answer to this "
                + "Idempotency-Key and is stored nowhere; a replay cannot show it again.";

        IssueResponse withoutHolderLink() {
            return new IssueResponse(number, certificate, null, verificationUrl, credential, WITHHELD);
        }
    }

    /** @param publicReason for a revocation: the category the public page shows (issued-in-error, misconduct, …) */
    record ActionRequest(String reason, String publicReason) {
    }

    record CeuRequest(String category, String measure, Integer quantity, LocalDate earnedOn, String description) {
    }

    @PostMapping(path = "/api/v1/admin/certificates", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> issue(@RequestBody IssueRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Principal user) {
        if (idempotencyKey == null) {
            return issueNow(request, user.getName()).map(AdminCertificateController::response);
        }
        // the record's toString is a canonical form of the request: same fields, same string
        return idempotent.once(user.getName(), idempotencyKey, request.toString(), () -> issueNow(request, user.getName()))
            .map(AdminCertificateController::response);
    }

    private Mono<IdempotentRequests.Answer> issueNow(IssueRequest request, String actor) {
        Instant awarded = request.awardedOn() == null ? null : request.awardedOn().atStartOfDay(ZoneOffset.UTC).toInstant();
        HolderInput holder = request.holder() == null ? new HolderInput(null, null) : request.holder();
        return Mono.fromCallable(() -> duplicate(request.duplicate()))
            .flatMap(duplicate -> Mono.fromCallable(() -> IssueCertificate.of(programs, request.program(), holder.name(),
                    holder.email(), request.listed(), awarded, request.language(), languages, clock.instant()))
                .flatMap(command -> issuance.issue(command, actor, duplicate)))
            .map(issued -> {
                String number = issued.certificate().number();
                IssueResponse body = new IssueResponse(number, records.of(issued.certificate()),
                        urls.holderPage(issued.holderToken()), urls.verificationPage(number),
                        issued.credentialJwt(), null);
                return new IdempotentRequests.Answer(HttpStatus.CREATED.value(), "/api/v1/certificates/" + number,
                        json.writeValueAsString(body), json.writeValueAsString(body.withoutHolderLink()), false);
            });
    }

    private static ResponseEntity<String> response(IdempotentRequests.Answer answer) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON);
        if (answer.location() != null) {
            builder.location(URI.create(answer.location()));
        }
        if (answer.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(answer.body());
    }

    @GetMapping("/api/v1/admin/certificates")
    Mono<AdminCertificates.Listing> list(@RequestParam(required = false) String program,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "false") boolean expiringSoon,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return Mono.fromCallable(() -> new CertificateFilter(program, status(status), expiringSoon, q, page, size))
            .flatMap(admin::list);
    }

    @GetMapping("/api/v1/admin/certificates/{number}")
    Mono<ResponseEntity<AdminCertificate>> get(@PathVariable CertificateNumber number) {
        return admin.find(number).map(AdminCertificateController::withETag);
    }

    @GetMapping("/api/v1/admin/certificates/{number}/history")
    Mono<List<AdminCertificates.HistoryEntry>> history(@PathVariable CertificateNumber number) {
        return admin.detail(number).map(AdminCertificates.Detail::history);
    }

    @GetMapping("/api/v1/admin/certificates/{number}/ceus")
    Mono<AdminCertificates.Ceus> ceus(@PathVariable CertificateNumber number) {
        return admin.detail(number).map(AdminCertificates.Detail::ceus);
    }

    @PostMapping(path = "/api/v1/admin/certificates/{number}/ceus", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CeuRecord>> recordCeus(@PathVariable CertificateNumber number, @RequestBody CeuRequest request, Principal user) {
        return certificates.find(number)
            .map(c -> RecordCeus.of(certificates.program(c).renewal(), request.category(), request.measure(), request.quantity(),
                    request.earnedOn(), request.description()))
            .flatMap(command -> ceuLedger.record(number, command, user.getName()))
            .map(entry -> ResponseEntity.status(HttpStatus.CREATED).body(entry));
    }

    @PostMapping("/api/v1/admin/certificates/{number}/revoke")
    Mono<ResponseEntity<AdminCertificate>> revoke(@PathVariable CertificateNumber number,
            @RequestBody(required = false) ActionRequest request, @RequestHeader(name = HttpHeaders.IF_MATCH,
                    required = false) String ifMatch, Principal user) {
        return answer(Mono.defer(() -> lifecycle.revoke(number, expectedVersion(ifMatch), reason(request),
                RevocationCategory.parse(request == null ? null : request.publicReason()), user.getName())));
    }

    @PostMapping("/api/v1/admin/certificates/{number}/suspend")
    Mono<ResponseEntity<AdminCertificate>> suspend(@PathVariable CertificateNumber number,
            @RequestBody(required = false) ActionRequest request, @RequestHeader(name = HttpHeaders.IF_MATCH,
                    required = false) String ifMatch, Principal user) {
        return answer(Mono.defer(() -> lifecycle.suspend(number, expectedVersion(ifMatch), reason(request), user.getName())));
    }

    @PostMapping("/api/v1/admin/certificates/{number}/reinstate")
    Mono<ResponseEntity<AdminCertificate>> reinstate(@PathVariable CertificateNumber number,
            @RequestBody(required = false) ActionRequest request, @RequestHeader(name = HttpHeaders.IF_MATCH,
                    required = false) String ifMatch, Principal user) {
        return answer(
                Mono.defer(() -> lifecycle.reinstate(number, expectedVersion(ifMatch), reason(request), user.getName())));
    }

    @PostMapping("/api/v1/admin/certificates/{number}/renew")
    Mono<ResponseEntity<AdminCertificate>> renew(@PathVariable CertificateNumber number,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal user) {
        return answer(Mono.defer(() -> lifecycle.renew(number, expectedVersion(ifMatch), user.getName())));
    }

    private Mono<ResponseEntity<AdminCertificate>> answer(Mono<Certificate> change) {
        return change.map(admin::view).map(AdminCertificateController::withETag);
    }

    private static ResponseEntity<AdminCertificate> withETag(AdminCertificate c) {
        return ResponseEntity.ok().eTag(String.valueOf(c.version())).body(c);
    }

    private static String reason(ActionRequest request) {
        return request == null ? null : request.reason();
    }

    /** The version an {@code If-Match} names: {@code "7"}, {@code W/"7"} or {@code 7}; null when absent. */
    static Integer expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        if (!tag.matches("\\d{1,9}")) {
            throw InvalidRequestException.of("If-Match", "must be the ETag of the certificate as last read, e.g. \"3\"");
        }
        return Integer.valueOf(tag);
    }

    private static PublicStatus status(String status) {
        return PublicStatus.parse(status);
    }
}
