package org.certregistry.web.admin.web;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import org.certregistry.web.admin.Cohort;
import org.certregistry.web.admin.CohortFile;
import org.certregistry.web.admin.CohortNotFoundException;
import org.certregistry.web.admin.Cohorts;
import org.certregistry.web.database.DatabaseDeadline;
import org.certregistry.web.problem.PayloadTooLargeException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Cohort upload through the API: validate a CSV, then issue its good rows, then fetch the result. */
@RestController
class AdminCohortController {

    private final Cohorts cohorts;
    private final DatabaseDeadline deadline;

    AdminCohortController(Cohorts cohorts, DatabaseDeadline deadline) {
        this.cohorts = cohorts;
        this.deadline = deadline;
    }

    record Report(UUID id, String fileName, int goodRows, List<CohortFile.BadRow> badRows, Cohort.Progress progress) {

        static Report of(Cohort c) {
            return new Report(c.id(), c.fileName(), c.goodRows(), c.badRows(), c.progress());
        }
    }

    @PostMapping(path = "/api/v1/admin/cohorts", consumes = "text/csv")
    Mono<ResponseEntity<Report>> upload(ServerHttpRequest request,
            @RequestParam(name = "fileName", required = false) String fileName, Principal user) {
        return Uploads.read(request.getBody())
            .onErrorMap(DataBufferLimitException.class, ex -> new PayloadTooLargeException("A cohort file is at most "
                    + Uploads.MAX_BYTES / 1024 / 1024 + " MB: split it."))
            .flatMap(csv -> cohorts.upload(user.getName(), fileName, csv))
            .map(c -> ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION, "/api/v1/admin/cohorts/" + c.id())
                .body(Report.of(c)));
    }

    @PostMapping("/api/v1/admin/cohorts/{id}/issue")
    Mono<ResponseEntity<Report>> issue(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean goodRowsOnly,
            Principal user) {
        return find(id, user).flatMap(cohort -> cohorts.start(cohort, goodRowsOnly, user.getName()))
            .map(started -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Report.of(started)));
    }

    @GetMapping("/api/v1/admin/cohorts/{id}")
    Mono<Report> status(@PathVariable UUID id, Principal user) {
        return find(id, user).map(Report::of);
    }

    @GetMapping(path = "/api/v1/admin/cohorts/{id}/result.csv")
    Mono<ResponseEntity<String>> result(@PathVariable UUID id, Principal user) {
        return find(id, user).flatMap(cohorts::resultCsv)
            .map(csv -> Uploads.csvAttachment(csv, "cohort-" + id + "-result.csv"));
    }

    private Mono<Cohort> find(UUID id, Principal user) {
        // cohorts live in PostgreSQL: while it cannot answer, a 503 within the deadline, never a hang
        return deadline.bound(cohorts.find(id, user.getName())).switchIfEmpty(Mono.error(() -> new CohortNotFoundException(id)));
    }
}
