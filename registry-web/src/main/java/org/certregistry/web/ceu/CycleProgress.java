package org.certregistry.web.ceu;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.RenewalPolicy;

/**
 * Where a certificate's current cycle stands against its program's rule: units counted (after
 * caps) per category, what is missing, and the days left.
 *
 * @param daysLeft whole days until the window ends (negative once it has)
 */
public record CycleProgress(Instant cycleStart, Instant cycleEnd, Instant graceEnds, long daysLeft, int required, int counted,
        List<CategoryProgress> categories, String missing) {

    /** One category: units recorded, units that count, the cap (0: none). */
    public record CategoryProgress(String category, int recorded, int counted, int cap) {
    }

    public boolean met() {
        return missing == null;
    }

    public static CycleProgress of(Certificate certificate, Program program, List<RenewalPolicy.EarnedUnits> earned, Instant now) {
        RenewalPolicy policy = program.renewal();
        RenewalPolicy.Assessment assessment = policy.assess(earned);
        Set<String> names = new LinkedHashSet<>(policy.categories());
        names.addAll(assessment.recorded().keySet());
        List<CategoryProgress> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(new CategoryProgress(name, assessment.recorded().getOrDefault(name, 0),
                    assessment.countedByCategory().getOrDefault(name, 0), policy.maxUnitsPerCategory()));
        }
        long daysLeft = -Math.floorDiv(-Duration.between(now, certificate.validUntil()).toSeconds(), 86_400L);
        Instant graceEnds = certificate.validUntil().atOffset(ZoneOffset.UTC).plus(policy.gracePeriod()).toInstant();
        return new CycleProgress(certificate.validFrom(), certificate.validUntil(), graceEnds, daysLeft, assessment.required(),
                assessment.counted(), List.copyOf(rows), assessment.missing());
    }
}
