package org.certregistry.web.ceu.web;

import java.security.Principal;
import java.util.Locale;
import java.util.UUID;

import org.certregistry.web.ceu.CeuSubmission;
import org.certregistry.web.ceu.CeuSubmissions;
import org.certregistry.web.ceu.Evidence;
import org.certregistry.web.problem.InvalidRequestException;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The CEU review queue in the admin API: list, read, see the evidence, approve, reject with a reason. */
@RestController
class CeuReviewController {

    private final CeuSubmissions submissions;

    CeuReviewController(CeuSubmissions submissions) {
        this.submissions = submissions;
    }

    record Decision(String reason) {
    }

    @GetMapping("/api/v1/admin/ceu-submissions")
    Flux<CeuSubmission> queue(@RequestParam(required = false) String status, @RequestParam(required = false) String program,
            @RequestParam(required = false) Integer olderThanDays) {
        return submissions.queue(status(status), program, olderThanDays);
    }

    @GetMapping("/api/v1/admin/ceu-submissions/{id}")
    Mono<CeuSubmission> one(@PathVariable String id) {
        return submissions.find(id(id));
    }

    @GetMapping("/api/v1/admin/ceu-submissions/{id}/evidence")
    Mono<ResponseEntity<byte[]>> evidence(@PathVariable String id) {
        UUID submission = id(id);
        return submissions.evidence(submission).map(evidence -> download(submission, evidence));
    }

    @PostMapping("/api/v1/admin/ceu-submissions/{id}/approve")
    Mono<CeuSubmission> approve(@PathVariable String id, Principal user) {
        return submissions.approve(id(id), user.getName());
    }

    @PostMapping("/api/v1/admin/ceu-submissions/{id}/reject")
    Mono<CeuSubmission> reject(@PathVariable String id, @RequestBody(required = false) Decision decision, Principal user) {
        return submissions.reject(id(id), decision == null ? null : decision.reason(), user.getName());
    }

    /**
     * Evidence is served as a download that a browser never runs: attachment named by its detected type
     * (the uploader's name could say .html), no sniffing, sandboxed.
     */
    static ResponseEntity<byte[]> download(UUID submission, Evidence evidence) {
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(evidence.mediaType()))
            .cacheControl(CacheControl.noStore())
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(evidence.downloadName(submission)).build().toString())
            .header("Content-Security-Policy", "sandbox")
            .header("X-Content-Type-Options", "nosniff")
            .body(evidence.bytes());
    }

    static CeuSubmission.Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return CeuSubmission.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw InvalidRequestException.of("status", "must be pending, approved or rejected");
        }
    }

    static UUID id(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            throw InvalidRequestException.of("id", "is not a submission id");
        }
    }
}
