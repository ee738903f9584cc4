package org.certregistry.web.admin.web;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.certregistry.web.admin.Cohort;
import org.certregistry.web.admin.CohortNotFoundException;
import org.certregistry.web.admin.Cohorts;
import org.certregistry.web.problem.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Cohort upload in the console: upload, see every bad row, issue (the good rows only if the admin
 * says so), watch the progress live (server-sent events), download the result.
 */
@Controller
class CohortConsoleController {

    private final Cohorts cohorts;

    CohortConsoleController(Cohorts cohorts) {
        this.cohorts = cohorts;
    }

    /** The upload form, and the admin's cohorts of the last day with where each stands. */
    @GetMapping("/admin/cohorts")
    Mono<String> form(Principal user, Model model) {
        return cohorts.recent(user.getName()).collectList().map(recent -> {
            model.addAttribute("recent", recent);
            return "admin/cohorts";
        });
    }

    @PostMapping(path = "/admin/cohorts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<String> upload(@RequestPart("file") Mono<FilePart> file, Principal user, Model model, ServerWebExchange exchange) {
        return file.flatMap(part -> Uploads.read(part.content())
                .flatMap(bytes -> cohorts.upload(user.getName(), part.filename(), bytes)))
            .map(cohort -> "redirect:/admin/cohorts/" + cohort.id())
            .onErrorResume(org.springframework.core.io.buffer.DataBufferLimitException.class, ex -> {
                exchange.getResponse().setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
                model.addAttribute("problem", "The file is larger than " + Uploads.MAX_BYTES / 1024 / 1024 + " MB: split it.");
                model.addAttribute("languagePage", "/admin/cohorts");
                model.addAttribute("recent", List.of());
                return Mono.just("admin/cohorts");
            })
            .switchIfEmpty(Mono.fromSupplier(() -> {
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                model.addAttribute("problem", "Choose a CSV file to upload.");
                model.addAttribute("languagePage", "/admin/cohorts");
                model.addAttribute("recent", List.of());
                return "admin/cohorts";
            }));
    }

    @GetMapping("/admin/cohorts/{id}")
    Mono<String> cohort(@PathVariable UUID id, Principal user, Model model) {
        return find(id, user).map(cohort -> {
            model.addAttribute("cohort", cohort);
            return "admin/cohort";
        });
    }

    /** The admin's choice; a form field, which WebFlux binds through a model attribute (not @RequestParam). */
    record IssueChoice(Boolean goodRowsOnly) {
    }

    @PostMapping("/admin/cohorts/{id}/issue")
    Mono<String> issue(@PathVariable UUID id, @ModelAttribute IssueChoice choice, Principal user, Model model,
            ServerWebExchange exchange) {
        return find(id, user).flatMap(cohort -> cohorts.start(cohort, Boolean.TRUE.equals(choice.goodRowsOnly()), user.getName())
            .thenReturn("redirect:/admin/cohorts/" + id)
            .onErrorResume(InvalidRequestException.class, ex -> {
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                model.addAttribute("problem", ex.problems().get(0).message().replaceFirst("^has", "The file has"));
                model.addAttribute("cohort", cohort);
                model.addAttribute("languagePage", "/admin/cohorts/" + id);
                return Mono.just("admin/cohort");
            }));
    }

    /**
     * Progress as server-sent events, until issuance ends, wherever it runs; a heartbeat keeps
     * proxies from closing the stream.
     */
    @GetMapping(path = "/admin/cohorts/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<Cohort.Progress>> progress(@PathVariable UUID id, Principal user) {
        return find(id, user).flatMapMany(cohort -> {
            Flux<ServerSentEvent<Cohort.Progress>> events = cohorts.progress(cohort)
                .map(p -> ServerSentEvent.builder(p).event("progress").build());
            Flux<ServerSentEvent<Cohort.Progress>> heartbeat = Flux.interval(Duration.ofSeconds(15))
                .map(i -> ServerSentEvent.<Cohort.Progress>builder().comment("keep-alive").build());
            return Flux.merge(events, heartbeat).takeUntil(e -> e.data() != null && e.data().stage().finished());
        });
    }

    @GetMapping("/admin/cohorts/{id}/result.csv")
    Mono<ResponseEntity<String>> result(@PathVariable UUID id, Principal user) {
        return find(id, user).flatMap(cohorts::resultCsv)
            .map(csv -> Uploads.csvAttachment(csv, "cohort-" + id + "-result.csv"));
    }

    private Mono<Cohort> find(UUID id, Principal user) {
        return cohorts.find(id, user.getName()).switchIfEmpty(Mono.error(() -> new CohortNotFoundException(id)));
    }
}
