package org.certregistry.web.admin.web;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.certregistry.web.certificate.CertificateService;
import org.certregistry.web.certificate.IssueCertificate;
import org.certregistry.web.certificate.PublicRecord;
import org.certregistry.web.certificate.PublicRecords;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.system.RegistryProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The admin API: issue and revoke certificates. */
@RestController
class AdminCertificateController {

    private final CertificateService certificates;
    private final PublicRecords records;
    private final ProgramCatalog programs;
    private final RegistryProperties registry;
    private final Clock clock;

    AdminCertificateController(CertificateService certificates, PublicRecords records, ProgramCatalog programs,
            RegistryProperties registry, Clock clock) {
        this.certificates = certificates;
        this.records = records;
        this.programs = programs;
        this.registry = registry;
        this.clock = clock;
    }

    record HolderInput(String name, String email) {
    }

    record IssueRequest(String program, HolderInput holder, Boolean listed, LocalDate awardedOn) {
    }

    record IssueResponse(String number, PublicRecord certificate, String holderUrl, String verificationUrl, String credential) {
    }

    record RevokeRequest(String reason) {
    }

    @PostMapping(path = "/api/v1/admin/certificates", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<IssueResponse>> issue(@RequestBody IssueRequest request, Principal admin) {
        Instant awarded = request.awardedOn() == null ? null : request.awardedOn().atStartOfDay(ZoneOffset.UTC).toInstant();
        HolderInput holder = request.holder() == null ? new HolderInput(null, null) : request.holder();
        return Mono.fromCallable(() -> IssueCertificate.of(programs, request.program(), holder.name(), holder.email(),
                    request.listed(), awarded, clock.instant()))
            .flatMap(command -> certificates.issue(command, admin.getName()))
            .map(issued -> {
                String number = issued.certificate().number();
                IssueResponse body = new IssueResponse(number, records.of(issued.certificate()),
                        registry.baseUrl() + "/h/" + issued.holderToken(), registry.verificationUrl(number),
                        issued.credentialJwt());
                return ResponseEntity.created(URI.create("/api/v1/certificates/" + number)).body(body);
            });
    }

    @PostMapping(path = "/api/v1/admin/certificates/{number}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<PublicRecord> revoke(@PathVariable String number, @RequestBody RevokeRequest request, Principal admin) {
        return certificates.revoke(number, request.reason(), admin.getName()).map(records::of);
    }
}
