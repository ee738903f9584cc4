package db.migration;

/**
 * Writes again the Latin forms that held a mark ICU inserts, now that {@link org.certregistry.web.certificate.HolderNames}
 * leaves them out: an apostrophe in a Greek name (νκ, πσ) or in a Cyrillic one (the soft sign, Ольга was "ol'ga"), a
 * double quote for the hard sign. Such a name was two words where people type one ("olga"). Names with an apostrophe
 * of their own keep it. V70's triggers then put the new words in {@code search_words} and the dictionary.
 */
public class V94__latin_names_without_marks extends V71__latin_names {

    @Override
    protected String names() {
        return "SELECT id, holder_name FROM certificate WHERE latin_name ~ '[''\"]'";
    }
}
