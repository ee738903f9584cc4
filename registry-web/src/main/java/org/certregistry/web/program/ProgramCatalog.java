package org.certregistry.web.program;

import java.time.Period;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** The programs the registry certifies, read from configuration at start. */
@Component
public class ProgramCatalog {

    private final Map<String, Program> programs;

    ProgramCatalog(ProgramProperties properties) {
        Map<String, Program> byCode = new LinkedHashMap<>();
        if (properties.definitions() != null) {
            properties.definitions().forEach((code, d) -> {
                ProgramProperties.Renewal r = d.renewal();
                RenewalPolicy renewal = r == null ? new RenewalPolicy(0, 0, null, null, Period.ofDays(90))
                        : new RenewalPolicy(r.requiredUnits(), r.maxUnitsPerCategory(), r.categories(), r.conversions(),
                                r.gracePeriod(), r.reminderDays(), r.minimums() == null ? List.of() : r.minimums().stream()
                                    .map(m -> new RenewalPolicy.GroupMinimum(m.name(), m.categories(), m.units())).toList());
                RenewalProcess process = r == null ? new RenewalProcess(null, null)
                        : new RenewalProcess(r.windowOpens(), RenewalProcess.Approval.valueOf(r.approval().strip()
                            .toUpperCase(Locale.ROOT)));
                String upper = code.toUpperCase(Locale.ROOT);
                byCode.put(upper, new Program(upper, d.name(), new Program.AwardingBody(d.awardingBodyId(), d.awardingBodyName(),
                        d.linkedinOrganizationId()),
                        d.level(), d.description(), d.criteria(), d.validity(), d.template(), renewal, process));
            });
        }
        if (byCode.isEmpty()) {
            throw new IllegalStateException("No programs are configured (programs.definitions.<CODE>)");
        }
        this.programs = Map.copyOf(byCode);
    }

    /** The program with this code (any case), if configured. */
    public Optional<Program> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(programs.get(code.toUpperCase(Locale.ROOT)));
    }

    public Collection<Program> all() {
        return programs.values().stream().sorted(java.util.Comparator.comparing(Program::code)).toList();
    }
}
