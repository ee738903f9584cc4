package org.certregistry.web.registry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import db.migration.V71__latin_names;
import db.migration.V94__latin_names_without_marks;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.TestDatabase;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Name search across scripts (a Latin query finds Cyrillic and Greek names and the reverse) and with
 * single typos in words of four letters or more, over real HTTP against the real PostgreSQL.
 */
class SearchAcrossScriptsAndTyposTest extends RegistryIntegrationTest {

    // letters whose transliteration is one Latin letter and back, so that a made-up surname can be written in all three
    private static final String LATIN = "abdeiklmnoprst";
    private static final String CYRILLIC = "абдеиклмнопрст";
    private static final String GREEK = "αβδεικλμνοπρστ";

    @Autowired
    WebTestClient http;

    /** One made-up surname in three scripts: [Latin, Cyrillic, Greek], unique to the test. */
    private static String[] uniqueSurname() {
        // a prefix each script spells the same in Latin letters ("kou"), so the three are one word, not typos of each other
        StringBuilder latin = new StringBuilder("Kou");
        StringBuilder cyrillic = new StringBuilder("Коу");
        StringBuilder greek = new StringBuilder("Κου");
        // nine letters in all: two letters changed in a word that long is below the typo threshold (0.45), as meant
        for (int i = 0; i < 6; i++) {
            int k = ThreadLocalRandom.current().nextInt(LATIN.length());
            latin.append(LATIN.charAt(k));
            cyrillic.append(CYRILLIC.charAt(k));
            greek.append(GREEK.charAt(k));
        }
        return new String[] { latin.toString(), cyrillic.toString(), greek.toString().replace("β", "b") };
    }

    @SuppressWarnings("unchecked")
    private List<String> names(String query) {
        Map<String, Object> page = http.get().uri(b -> b.path("/api/v1/registry").queryParam("q", query).build())
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("results")).stream().map(r -> (String) r.get("holderName")).toList();
    }

    @Test
    void aLatinQueryFindsCyrillicAndGreekNames() {
        String[] surname = uniqueSurname();
        String cyrillic = "Светлана Иванова " + surname[1];
        String greek = "Ανδρέας Παπαδόπουλος " + surname[1];
        TestCertificates.issue(http, "CCXP", cyrillic);
        TestCertificates.issue(http, "CXSP", greek);

        assertThat(names("svetlana ivanova " + surname[0])).containsExactly(cyrillic);
        assertThat(names("andreas papadopoulos " + surname[0])).containsExactly(greek);
        assertThat(names(surname[0])).containsExactlyInAnyOrder(cyrillic, greek);
        // the name as written still finds itself
        assertThat(names("Иванова " + surname[1])).containsExactly(cyrillic);
    }

    @Test
    void aCyrillicOrGreekQueryFindsALatinName() {
        String[] surname = uniqueSurname();
        String latin = "Svetlana Andreas " + surname[0];
        TestCertificates.issue(http, "CCXP", latin);

        // found, and first: an earlier test's random surname may be close enough to be a second, lesser match
        assertThat(names("Светлана " + surname[1])).first().isEqualTo(latin);
        assertThat(names("Ανδρέας " + surname[2])).first().isEqualTo(latin);
    }

    @Test
    void oneLetterDroppedAddedChangedOrTwoSwappedIsForgivenInWordsOfFourLettersOrMore() {
        String[] surname = uniqueSurname();
        String name = "Émilie Evan " + surname[0];
        TestCertificates.issue(http, "CCXP", name);
        String s = surname[0].toLowerCase();

        assertThat(names("emlie " + s)).as("dropped").containsExactly(name);
        assertThat(names("emilie " + s.substring(0, 3) + s.substring(4))).as("dropped in the surname").containsExactly(name);
        assertThat(names("emillie " + s)).as("added").containsExactly(name);
        assertThat(names("emolie " + s)).as("changed").containsExactly(name);
        assertThat(names("meilie " + s)).as("swapped").containsExactly(name);
        assertThat(names("emilie " + s.substring(0, 3) + s.charAt(4) + s.charAt(3) + s.substring(5))).as("swapped in the surname")
            .containsExactly(name);
        assertThat(names("ewan " + s)).as("four letters, one changed").containsExactly(name);
    }

    @Test
    void marksTheTransliterationInsertsDoNotSplitAWord() {
        String[] surname = uniqueSurname();
        // the Cyrillic soft sign (Ольга, "olʹga") and Greek νκ and πσ ("n'k", "p's": not γκ, not ψ)
        String cyrillic = "Ольга Наталья " + surname[1];
        String greek = "Αγκουνκα Κουπσα " + surname[1];
        TestCertificates.issue(http, "CCXP", cyrillic);
        TestCertificates.issue(http, "CCXP", greek);

        assertThat(names("olga " + surname[0])).containsExactly(cyrillic);
        assertThat(names("ankounka koupsa " + surname[0])).containsExactly(greek);
        // a name's own apostrophe still parts its words, as typed
        String irish = "Aoife O'Brien " + surname[0];
        TestCertificates.issue(http, "CCXP", irish);
        assertThat(names("o'brien " + surname[0])).containsExactly(irish);
    }

    @Test
    void aSearchRepeatedAtOnceFindsANameIssuedInBetweenAsTypedAndOneTypoAway() {
        String[] surname = uniqueSurname();
        String s = surname[0].toLowerCase();
        // the words sharing trigrams with a query word are remembered for a few seconds; the word itself and its
        // one-typo neighbours are looked up every time
        assertThat(names("Ildiko " + s)).isEmpty();
        assertThat(names("Ildikoo " + s)).isEmpty();
        String name = "Ildiko " + surname[0];
        TestCertificates.issue(http, "CCXP", name);

        assertThat(names("Ildiko " + s)).containsExactly(name);
        assertThat(names("Ildikoo " + s)).containsExactly(name);
    }

    @Test
    void shortWordsAndTwoTyposAreNotOverMatched() {
        String[] surname = uniqueSurname();
        String name = "Ewa Marta " + surname[0];
        TestCertificates.issue(http, "CCXP", name);
        String s = surname[0].toLowerCase();

        assertThat(names("ewa " + s)).containsExactly(name);
        // one letter changed in a word of three: too many names are one edit from a short word
        assertThat(names("eva " + s)).isEmpty();
        // two letters changed in a word of five: not a typo but another name
        assertThat(names("mirta " + s.substring(0, 2) + "xx" + s.substring(4))).isEmpty();
    }

    @Test
    void namesStoredBeforeTransliterationGetTheirLatinFormFromTheMigration() throws Exception {
        String[] surname = uniqueSurname();
        String cyrillic = "Юрий Гагарин " + surname[1];
        TestCertificates.issue(http, "CCXP", cyrillic);
        TestDatabase database = TestDatabase.shared();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            // as it was before V70: no Latin form
            try (PreparedStatement forget = connection.prepareStatement(
                    "UPDATE certificate SET latin_name = NULL WHERE holder_name = ?")) {
                forget.setString(1, cyrillic);
                assertThat(forget.executeUpdate()).isEqualTo(1);
            }
            assertThat(names("gagarin " + surname[0])).isEmpty();

            migrate(new V71__latin_names(), connection);
        }
        assertThat(names("jurij gagarin " + surname[0])).containsExactly(cyrillic);
    }

    @Test
    void latinFormsStoredWithTheMarksLoseThemInTheMigration() throws Exception {
        String[] surname = uniqueSurname();
        String cyrillic = "Ольга " + surname[1];
        TestCertificates.issue(http, "CCXP", cyrillic);
        TestDatabase database = TestDatabase.shared();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            // as V71 stored it: the soft sign's mark split the word
            try (PreparedStatement marked = connection.prepareStatement(
                    "UPDATE certificate SET latin_name = 'ol''ga ' || lower(?) WHERE holder_name = ?")) {
                marked.setString(1, surname[0]);
                marked.setString(2, cyrillic);
                assertThat(marked.executeUpdate()).isEqualTo(1);
            }
            assertThat(names("olga " + surname[0])).isEmpty();

            migrate(new V94__latin_names_without_marks(), connection);
        }
        assertThat(names("olga " + surname[0])).containsExactly(cyrillic);
    }

    private static void migrate(BaseJavaMigration migration, Connection connection) throws Exception {
        migration.migrate(new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        });
    }
}
