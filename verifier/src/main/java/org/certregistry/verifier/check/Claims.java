package org.certregistry.verifier.check;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Typed reads of JSON claims that answer null rather than throw on a wrong shape. */
final class Claims {

    private Claims() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : null;
    }

    static Instant instant(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        try {
            return Instant.parse(s);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    /** Follows a path of object keys, e.g. {@code path(claims, "credentialSubject", "name")}. */
    static Object path(Map<String, Object> root, String... keys) {
        Object current = root;
        for (String key : keys) {
            Map<String, Object> map = object(current);
            if (map == null) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }
}
