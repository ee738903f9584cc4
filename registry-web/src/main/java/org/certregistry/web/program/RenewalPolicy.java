package org.certregistry.web.program;

import java.util.List;
import java.util.Map;

/**
 * What renewal of a program requires, in continuing-education units (CEUs) earned inside the
 * current cycle.
 *
 * @param requiredUnits units needed per cycle (0: renewal needs no units)
 * @param maxUnitsPerCategory most units any one category may contribute (0: no cap)
 * @param categories the categories units may be recorded in
 * @param conversions units granted per unit of another measure, e.g. {@code semester-credit-hour: 15}
 */
public record RenewalPolicy(int requiredUnits, int maxUnitsPerCategory, List<String> categories,
        Map<String, Integer> conversions) {

    public RenewalPolicy {
        categories = categories == null ? List.of() : List.copyOf(categories);
        conversions = conversions == null ? Map.of() : Map.copyOf(conversions);
        if (requiredUnits < 0 || maxUnitsPerCategory < 0) {
            throw new IllegalArgumentException("Renewal units cannot be negative");
        }
    }
}
