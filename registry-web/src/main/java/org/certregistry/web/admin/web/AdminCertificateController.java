package org.certregistry.web.admin.web;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.certregistry.web.admin.AdminCertificate;
import org.certregistry.web.admin.AdminCertificates;
import org.certregistry.web.admin.IdempotentRequests;
import org.certregistry.web.certificate.CeuRecord;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateFilter;
import org.certregistry.web.certificate.CertificateService;
import org.certregistry.web.certificate.IssueCertificate;
import org.certregistry.web.certificate.PublicRecord;
import org.certregistry.web.certificate.PublicRecords;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.certificate.RecordCeus;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.system.InvalidRequestException;
import org.certregistry.web.system.RegistryProperties;
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
 */
@RestController
class AdminCertificateController {

    private final CertificateService certificates;
    private final AdminCertificates admin;
    private final PublicRecords records;
    private final ProgramCatalog programs;
    private final IdempotentRequests idempotent;
    private final RegistryProperties registry;
    private final JsonMapper json;
    private final Clock clock;

    AdminCertificateController(CertificateService certificates, AdminCertificates admin, PublicRecords records,
            ProgramCatalog programs, IdempotentRequests idempotent, RegistryProperties registry, JsonMapper json, Clock clock) {
        this.certificates = certificates;
        this.admin = admin;
        this.records = records;
        this.programs = programs;
        this.idempotent = idempotent;
        this.registry = registry;
        this.json = json;
        this.clock = clock;
    }

    record HolderInput(String name, String email) {
    }

    record IssueRequest(String program, HolderInput holder, Boolean listed, LocalDate awardedOn) {
    }

    record IssueResponse(String number, PublicRecord certificate, String holderUrl, String verificationUrl, String credential) {
    }

    record ActionRequest(String reason) {
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
        return Mono.fromCallable(() -> IssueCertificate.of(programs, request.program(), holder.name(), holder.email(),
                    request.listed(), awarded, clock.instant()))
            .flatMap(command -> certificates.issue(command, actor))
            .map(issued -> {
                String number = issued.certificate().number();
                IssueResponse body = new IssueResponse(number, records.of(issued.certificate()),
                        registry.baseUrl() + "/h/" + issued.holderToken(), registry.verificationUrl(number),
                        issued.credentialJwt());
                return new IdempotentRequests.Answer(HttpStatus.CREATED.value(), "/api/v1/certificates/" + number,
                        json.writeValueAsString(body), false);
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
    Mono<ResponseEntity<AdminCertificate>> get(@PathVariable String number) {
        return admin.find(number).map(AdminCertificateController::withETag);
    }

    @GetMapping("/api/v1/admin/certificates/{number}/history")
    Mono<List<AdminCertificates.HistoryEntry>> history(@PathVariable String number) {
        return admin.detail(number).map(AdminCertificates.Detail::history);
    }

    @GetMapping("/api/v1/admin/certificates/{number}/ceus")
    Mono<AdminCertificates.Ceus> ceus(@PathVariable String number) {
        return admin.detail(number).map(AdminCertificates.Detail::ceus);
    }

    @PostMapping(path = "/api/v1/admin/certificates/{number}/ceus", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CeuRecord>> recordCeus(@PathVariable String number, @RequestBody CeuRequest request, Principal user) {
        return certificates.findByNumber(number)
            .map(c -> RecordCeus.of(certificates.program(c).renewal(), request.category(), request.measure(), request.quantity(),
                    request.earnedOn(), request.description()))
            .flatMap(command -> certificates.recordCeus(number, command, user.getName()))
            .map(entry -> ResponseEntity.status(HttpStatus.CREATED).body(entry));
    }

    @PostMapping("/api/v1/admin/certificates/{number}/revoke")
    Mono<ResponseEntity<AdminCertificate>> revoke(@PathVariable String number,
            @RequestBody(required = false) ActionRequest request, @RequestHeader(name = HttpHeaders.IF_MATCH,
                    required = false) String ifMatch, Principal user) {
        return answer(Mono.defer(() -> certificates.revoke(number, expectedVersion(ifMatch), reason(request), user.getName())));
    }

    @PostMapping("/api/v1/admin/certificates/{number}/suspend")
    Mono<ResponseEntity<AdminCertificate>> suspend(@PathVariable String number,
            @RequestBody(required = false) ActionRequest request, @RequestHeader(name = HttpHeaders.IF_MATCH,
                    required = false) String ifMatch, Principal user) {
        return answer(Mono.defer(() -> certificates.suspend(number, expectedVersion(ifMatch), reason(request), user.getName())));
    }

    @PostMapping("/api/v1/admin/certificates/{number}/reinstate")
    Mono<ResponseEntity<AdminCertificate>> reinstate(@PathVariable String number,
            @RequestBody(required = false) ActionRequest request, @RequestHeader(name = HttpHeaders.IF_MATCH,
                    required = false) String ifMatch, Principal user) {
        return answer(
                Mono.defer(() -> certificates.reinstate(number, expectedVersion(ifMatch), reason(request), user.getName())));
    }

    @PostMapping("/api/v1/admin/certificates/{number}/renew")
    Mono<ResponseEntity<AdminCertificate>> renew(@PathVariable String number,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal user) {
        return answer(Mono.defer(() -> certificates.renew(number, expectedVersion(ifMatch), user.getName())));
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
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return PublicStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw InvalidRequestException.of("status", "must be one of VALID, EXPIRED, SUSPENDED, REVOKED");
        }
    }
}
