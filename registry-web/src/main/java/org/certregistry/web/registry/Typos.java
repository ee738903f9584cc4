package org.certregistry.web.registry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Single typos: one letter dropped, added or changed, or two neighbours swapped ("emlie" → "emilie",
 * "mraia" → "maria"), forgiven in words of {@link #MIN_LENGTH} letters or more only: a short word is one edit
 * away from too many names ("ana": anna, ann, ava, dana...). Trigram similarity misses typos that break most
 * of a short word's trigrams, so the dictionary files each word under itself and its one-letter deletions
 * ({@code registry_word_deletion}, V73); a typed word is looked up under the same keys, which any word one
 * typo away shares with it (docs/benchmarks.md, "Search across scripts and typos").
 */
final class Typos {

    static final int MIN_LENGTH = 4;

    private Typos() {
    }

    /** The word and every way of dropping one of its letters; none for a word shorter than {@link #MIN_LENGTH}. */
    static List<String> keys(String word) {
        if (word.length() < MIN_LENGTH) {
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        keys.add(word);
        for (int i = 0; i < word.length(); i++) {
            keys.add(word.substring(0, i) + word.substring(i + 1));
        }
        return List.copyOf(keys);
    }
}
