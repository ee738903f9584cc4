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
 * caps) per category, each group minimum, what is missing, and the days left. Pages word it in
 * the reader's language from these numbers; {@code missing} is the rule's English sentence.
 *
 * @param daysLeft whole days until the window ends, never negative (0 once it has ended)
 * @param ended whether the window has ended
 * @param minimums each group minimum of the rule (e.g. at least 15 from real-time activities) and where it stands
 */
public record CycleProgress(Instant cycleStart, Instant cycleEnd, Instant graceEnds, long daysLeft, boolean ended,
        int required, int counted, List<CategoryProgress> categories, List<MinimumProgress> minimums, String missing) {

    /** One category: units recorded, units that count, the cap (0: none). */
    public record CategoryProgress(String category, int recorded, int counted, int cap) {

        /** Whether the category already gives all it may. */
        public boolean full() {
            return cap > 0 && counted >= cap;
        }

        /** Units this category may still add (-1: no limit). */
        public int room() {
            return cap == 0 ? -1 : Math.max(0, cap - counted);
        }
    }

    /** A group minimum: {@code units} of the counted units must come from {@code categories}; {@code counted} do. */
    public record MinimumProgress(String name, List<String> categories, int units, int counted) {

        public boolean met() {
            return counted >= units;
        }
    }

    public boolean met() {
        return missing == null;
    }

    /** Units still needed in all (0 once the total is reached; a group minimum may still be short). */
    public int shortBy() {
        return Math.max(0, required - counted);
    }

    /** The categories already at their cap. */
    public List<String> fullCategories() {
        return categories.stream().filter(CategoryProgress::full).map(CategoryProgress::category).toList();
    }

    /** The categories whose units would still count. */
    public List<CategoryProgress> stillCounting() {
        return categories.stream().filter(c -> !c.full()).toList();
    }

    /** The group minimums not met yet. */
    public List<MinimumProgress> shortMinimums() {
        return minimums.stream().filter(m -> !m.met()).toList();
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
        List<MinimumProgress> minimums = policy.minimums().stream()
            .map(m -> new MinimumProgress(m.name(), m.categories(), m.units(),
                    m.categories().stream().mapToInt(c -> assessment.countedByCategory().getOrDefault(c, 0)).sum()))
            .toList();
        long secondsLeft = Duration.between(now, certificate.validUntil()).toSeconds();
        long daysLeft = Math.max(0, -Math.floorDiv(-secondsLeft, 86_400L));
        Instant graceEnds = certificate.validUntil().atOffset(ZoneOffset.UTC).plus(policy.gracePeriod()).toInstant();
        return new CycleProgress(certificate.validFrom(), certificate.validUntil(), graceEnds, daysLeft, secondsLeft <= 0,
                assessment.required(), assessment.counted(), List.copyOf(rows), minimums, assessment.missing());
    }
}
