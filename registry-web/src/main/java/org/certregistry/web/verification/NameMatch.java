package org.certregistry.web.verification;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.certregistry.web.certificate.HolderNames;

/**
 * Whether the name an employer gave is the certificate holder's, compared the way the directory
 * search compares names: in Latin letters, without accents or case ({@link HolderNames}), so
 * "Svetlana Ivanova" is "Светлана Иванова" and "Zoe Angstrom" is "Zoë Ångström". Every given word must
 * be a word of the holder's name, in any order, and at least two of them (or the whole name, when it
 * has one word): a middle name may be left out, a first name alone is not enough.
 */
public enum NameMatch {

    /** The given name is the holder's. */
    MATCH,
    /** A name was given and it is not the holder's. */
    DOES_NOT_MATCH,
    /** No name was given, or there was no holder to compare with. */
    NOT_GIVEN;

    public static NameMatch of(String given, String holderName) {
        if (given == null || given.isBlank() || holderName == null) {
            return NOT_GIVEN;
        }
        List<String> givenWords = HolderNames.latinWords(given);
        Set<String> holderWords = new HashSet<>(HolderNames.latinWords(holderName));
        if (givenWords.isEmpty()) {
            return NOT_GIVEN;
        }
        boolean enough = givenWords.size() >= Math.min(2, holderWords.size());
        return enough && holderWords.containsAll(givenWords) ? MATCH : DOES_NOT_MATCH;
    }
}
