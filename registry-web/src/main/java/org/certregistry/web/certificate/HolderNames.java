package org.certregistry.web.certificate;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.ibm.icu.text.Transliterator;

/**
 * Holders' names in Latin letters, so that people can find and compare a name in any script the
 * way they type it: "Светлана Иванова" is also "svetlana ivanova", "Ανδρέας" is "andreas",
 * "Émilie" is "emilie". ICU's transforms do the work; the database stores the result beside the
 * folded name ({@code certificate.latin_name}, V70__names_across_scripts.sql) because PostgreSQL
 * has no transliteration of its own.
 */
public final class HolderNames {

    /**
     * Any script to Latin, without the primes that stand for the Cyrillic soft and hard signs (Ольга is "olʹga", which
     * would be two words, "ol" and "ga", where everyone types "olga"), then to plain ASCII letters, then lower case.
     */
    public static final String TRANSFORM = "Any-Latin; [\\u02B9\\u02BA] Remove; Latin-ASCII; Lower";

    /** Characters a name may hold as an apostrophe of its own (O'Brien, D’Angelo). */
    private static final String APOSTROPHES = "'\u2019\u2018\u02BC\u2032`";

    // ICU transliterators are stateless and may be shared between threads without locking.
    private static final Transliterator LATIN = Transliterator.getInstance(TRANSFORM);

    private HolderNames() {
    }

    /** Loads ICU's transform data; call once at startup, off the event loop (the data is read from the jar). */
    public static void load() {
        latin("Ω");
    }

    /** The name in lower-case ASCII Latin letters ("Ανδρέας Παπαδόπουλος" → "andreas papadopoulos"). */
    public static String latin(String name) {
        String latin = LATIN.transliterate(name);
        // ICU's Greek-Latin marks νκ and πσ with an apostrophe ("koun'k", "koup's": not γκ, not ψ), which would split the
        // word in two; a name that has no apostrophe of its own gets none
        boolean ownApostrophe = name.chars().anyMatch(c -> APOSTROPHES.indexOf(c) >= 0);
        return ownApostrophe ? latin : latin.replace("'", "");
    }

    /**
     * What to store in {@code latin_name} for a new name: its Latin form, or null for a name
     * already in plain ASCII (its folded words are its Latin words).
     */
    public static String latinNameToStore(String name) {
        return name.chars().allMatch(c -> c < 0x80) ? null : latin(name);
    }

    /** The words of a name in Latin letters, split at anything but letters and digits, each once, in order. */
    public static List<String> latinWords(String name) {
        Set<String> words = new LinkedHashSet<>(Arrays.asList(latin(name).split("[^\\p{L}\\p{M}\\p{N}]+")));
        words.remove("");
        return List.copyOf(words);
    }
}
