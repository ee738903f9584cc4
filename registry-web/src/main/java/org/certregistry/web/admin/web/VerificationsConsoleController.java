package org.certregistry.web.admin.web;

import java.util.List;

import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.tally.Tally;
import org.certregistry.web.tally.TallyReport;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code /admin/verifications}: how often each program's certificates were verified, by channel and month. */
@Controller
class VerificationsConsoleController {

    private final Tally tally;
    private final ProgramCatalog programs;

    VerificationsConsoleController(Tally tally, ProgramCatalog programs) {
        this.tally = tally;
        this.programs = programs;
    }

    /** One program's verifications as the page shows them. */
    record ProgramTally(Program program, TallyReport report) {
    }

    @GetMapping("/admin/verifications")
    Mono<String> page(Model model) {
        List<Program> all = List.copyOf(programs.all());
        return Flux.fromIterable(all)
            .concatMap(program -> tally.ofProgram(program.code()).map(report -> new ProgramTally(program, report)))
            .collectList()
            .doOnNext(tallies -> model.addAttribute("tallies", tallies))
            .thenReturn("admin/verifications");
    }
}
