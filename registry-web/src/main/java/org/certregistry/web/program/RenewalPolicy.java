package org.certregistry.web.program;

import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What renewal of a program requires, in continuing-education units (CEUs) earned inside the
 * current cycle.
 *
 * @param requiredUnits units needed per cycle (0: renewal needs no units)
 * @param maxUnitsPerCategory most units any one category may contribute (0: no cap)
 * @param categories the categories units may be recorded in (empty: any category)
 * @param conversions units granted per unit of another measure, e.g. {@code semester-credit-hour: 15}
 * @param gracePeriod how long after the window ends renewal is still allowed
 * @param reminderDays days before the window ends on which the holder is reminded (e.g. 180, 90, 30, 7)
 * @param minimums units that must come from groups of categories (e.g. at least 15 from real-time activities)
 */
public record RenewalPolicy(int requiredUnits, int maxUnitsPerCategory, List<String> categories,
        Map<String, Integer> conversions, Period gracePeriod, List<Integer> reminderDays, List<GroupMinimum> minimums) {

    /**
     * At least {@code units} of the counted units must come from {@code categories}.
     *
     * @param name what the group is called in messages, e.g. "real-time activities"
     */
    public record GroupMinimum(String name, List<String> categories, int units) {

        public GroupMinimum {
            categories = categories == null ? List.of() : List.copyOf(categories);
            if (name == null || name.isBlank() || categories.isEmpty() || units < 1) {
                throw new IllegalArgumentException("A renewal minimum needs a name, categories and a positive number of units");
            }
        }
    }

    /** A rule without reminders. */
    public RenewalPolicy(int requiredUnits, int maxUnitsPerCategory, List<String> categories, Map<String, Integer> conversions,
            Period gracePeriod) {
        this(requiredUnits, maxUnitsPerCategory, categories, conversions, gracePeriod, List.of(), List.of());
    }

    /** The measure recorded as plain units. */
    public static final String CEU = "ceu";

    public RenewalPolicy {
        categories = categories == null ? List.of() : List.copyOf(categories);
        conversions = conversions == null ? Map.of() : Map.copyOf(conversions);
        gracePeriod = gracePeriod == null ? Period.ZERO : gracePeriod;
        reminderDays = reminderDays == null ? List.of() : reminderDays.stream().sorted().distinct().toList();
        minimums = minimums == null ? List.of() : List.copyOf(minimums);
        if (reminderDays.stream().anyMatch(d -> d == null || d < 1)) {
            throw new IllegalArgumentException("Reminder days must be positive numbers of days before the end of the window");
        }
        if (requiredUnits < 0 || maxUnitsPerCategory < 0) {
            throw new IllegalArgumentException("Renewal units cannot be negative");
        }
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("The renewal grace period cannot be negative");
        }
        conversions.forEach((measure, factor) -> {
            if (factor == null || factor <= 0) {
                throw new IllegalArgumentException("Conversion of " + measure + " must be a positive number of units");
            }
        });
    }

    /** The measures units may be recorded in: plain CEUs and every configured conversion. */
    public List<String> measures() {
        List<String> measures = new ArrayList<>();
        measures.add(CEU);
        conversions.keySet().stream().sorted().forEach(measures::add);
        return measures;
    }

    /** Units that {@code quantity} of {@code measure} is worth, or empty for a measure the program does not know. */
    public Optional<Integer> units(String measure, int quantity) {
        if (CEU.equals(measure)) {
            return Optional.of(quantity);
        }
        Integer factor = conversions.get(measure);
        return factor == null ? Optional.empty() : Optional.of(Math.multiplyExact(factor, quantity));
    }

    public boolean knowsCategory(String category) {
        return categories.isEmpty() ? category != null && category.matches("[a-z0-9-]{1,40}") : categories.contains(category);
    }

    /** Checks the units earned in the current cycle against the rule. */
    public Assessment assess(List<EarnedUnits> earned) {
        Map<String, Integer> recorded = new LinkedHashMap<>();
        earned.forEach(e -> recorded.merge(e.category(), e.units(), Integer::sum));
        Map<String, Integer> counted = new LinkedHashMap<>();
        recorded.forEach((category, units) -> counted.put(category,
                maxUnitsPerCategory == 0 ? units : Math.min(units, maxUnitsPerCategory)));
        int total = counted.values().stream().mapToInt(Integer::intValue).sum();
        String missing = missing(total, counted);
        String groups = missingFromGroups(counted);
        return new Assessment(requiredUnits, total, recorded, counted,
                missing == null ? groups : groups == null ? missing : missing + " " + groups);
    }

    /** What the group minimums lack, in words, or null when each is met. */
    private String missingFromGroups(Map<String, Integer> counted) {
        List<String> short_ = new ArrayList<>();
        for (GroupMinimum group : minimums) {
            int units = group.categories().stream().mapToInt(c -> counted.getOrDefault(c, 0)).sum();
            if (units < group.units()) {
                short_.add("at least " + group.units() + " must come from " + group.name() + " ("
                        + String.join(", ", group.categories()) + "), and " + units + " do");
            }
        }
        return short_.isEmpty() ? null : "Of the units, " + String.join("; ", short_) + ".";
    }

    private String missing(int total, Map<String, Integer> counted) {
        if (total >= requiredUnits) {
            return null;
        }
        int short_ = requiredUnits - total;
        StringBuilder why = new StringBuilder(short_ + (short_ == 1 ? " CEU is" : " CEUs are") + " missing: " + total
                + " of the required " + requiredUnits + " count in this cycle");
        List<String> full = counted.entrySet().stream()
            .filter(e -> maxUnitsPerCategory > 0 && e.getValue() >= maxUnitsPerCategory).map(Map.Entry::getKey).toList();
        if (!full.isEmpty()) {
            why.append("; ").append(String.join(", ", full)).append(full.size() == 1 ? " is" : " are")
                .append(" already at the limit of ").append(maxUnitsPerCategory).append(" per category, so the rest must come from ")
                .append(categories.isEmpty() ? "other categories" : "other categories (" + String.join(", ",
                        categories.stream().filter(c -> !full.contains(c)).toList()) + ")");
        }
        return why.append('.').toString();
    }

    /** Units earned in one category. */
    public record EarnedUnits(String category, int units) {
    }

    /**
     * The outcome of checking the rule.
     *
     * @param required units the rule asks for per cycle
     * @param counted units that count in all (after the per-category limit)
     * @param recorded units recorded per category
     * @param countedByCategory units that count per category (after the per-category limit)
     * @param missing what is missing, in words, or null when the rule is met
     */
    public record Assessment(int required, int counted, Map<String, Integer> recorded, Map<String, Integer> countedByCategory,
            String missing) {

        public boolean met() {
            return missing == null;
        }
    }
}
