package org.certregistry.web.support;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stylesheet read as simply as the registry's are written (no nesting besides {@code @media}): which class
 * selectors set a text colour.
 */
public final class Stylesheet {

    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)\\}");
    private static final Pattern TEXT_COLOUR = Pattern.compile("(^|[;\\s])color\\s*:");

    private final Set<String> coloured = new HashSet<>();

    public Stylesheet(String css) {
        Matcher rule = RULE.matcher(css.replaceAll("(?s)/\\*.*?\\*/", ""));
        while (rule.find()) {
            if (TEXT_COLOUR.matcher(rule.group(2)).find()) {
                for (String selector : rule.group(1).split(",")) {
                    coloured.add(selector.strip());
                }
            }
        }
    }

    /** Whether a rule gives {@code selector} (exactly as written, e.g. {@code .status-lapsed}) a text colour. */
    public boolean colours(String selector) {
        return coloured.contains(selector);
    }
}
