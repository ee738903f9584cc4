package org.certregistry.web.program;

import java.time.Period;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The configured programs, by code ({@code programs.definitions.<CODE>.*}). */
@ConfigurationProperties("programs")
record ProgramProperties(Map<String, Definition> definitions) {

    /** @param linkedinOrganizationId the awarding body's LinkedIn organisation id, for "Add to profile" (optional) */
    record Definition(String name, String awardingBodyId, String awardingBodyName, String level, String description,
            String criteria, @DefaultValue("P2Y") Period validity, @DefaultValue("certificate") String template,
            Renewal renewal, String linkedinOrganizationId) {
    }

    record Renewal(@DefaultValue("0") int requiredUnits, @DefaultValue("0") int maxUnitsPerCategory,
            List<String> categories, Map<String, Integer> conversions, @DefaultValue("P90D") Period gracePeriod,
            @DefaultValue({ "180", "90", "30", "7" }) List<Integer> reminderDays, List<Minimum> minimums,
            @DefaultValue("P180D") Period windowOpens, @DefaultValue("automatic") String approval) {
    }

    record Minimum(String name, List<String> categories, int units) {
    }
}
