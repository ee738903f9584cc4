package org.certregistry.web.certificate;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Characters that change how text looks without being seen: the bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), zero-width spaces, joiners and marks
 * (U+200B–U+200F), the byte-order mark (U+FEFF), and every other Unicode format character
 * (general category Cf). A name carrying them can be made to read differently on a certificate
 * than it sorts, searches and compares ("Trojan Source"). Right-to-left scripts need none of them:
 * Arabic and Hebrew letters carry their direction themselves.
 */
final class InvisibleCharacters {

    private InvisibleCharacters() {
    }

    /** The first invisible or direction-changing character in {@code text}, if any. */
    static OptionalInt first(String text) {
        return text.codePoints().filter(cp -> Character.getType(cp) == Character.FORMAT).findFirst();
    }

    /** What to tell the sender about {@code codePoint}. */
    static String refusal(int codePoint) {
        String name = Optional.ofNullable(Character.getName(codePoint)).orElse("a format character");
        return "contains the invisible character U+" + String.format(Locale.ROOT, "%04X", codePoint) + " ("
                + name.toLowerCase(Locale.ROOT) + "); text-direction overrides and zero-width characters are not accepted";
    }
}
