package org.certregistry.web.operations;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Prometheus text format read back: the sum of a metric's samples whose labels include the given ones. */
record Prometheus(String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})?\\s+(\\S+)$");

    /** Sums {@code name} over the samples carrying every {@code label="value"} pair given ({@code "label", "value", ...}). */
    double value(String name, String... labels) {
        double sum = 0;
        boolean seen = false;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (!m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            String set = m.group(2) == null ? "" : m.group(2);
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= set.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                sum += Double.parseDouble(m.group(3));
                seen = true;
            }
        }
        return seen ? sum : 0;
    }

    /** The sample lines of {@code name}, for a failure message. */
    String lines(String name) {
        return String.join("\n", Arrays.stream(text.split("\n")).filter(line -> line.startsWith(name)).toList());
    }

    /** Whether any sample of {@code name} is present. */
    boolean has(String name) {
        return Arrays.stream(text.split("\n")).anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }
}
