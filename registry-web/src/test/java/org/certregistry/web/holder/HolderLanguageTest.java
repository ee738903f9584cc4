package org.certregistry.web.holder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.certregistry.web.support.DevMailbox;
import org.certregistry.web.support.HolderVisitor;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates.Issued;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The holder's pages speak the holder's language, and the registry remembers it for their e-mails: at sign-in, when
 * they switch language in the holder area, on their private page, and from the issuance API. With no SMTP server
 * (this context), messages are kept in the outbox, where the sign-in link is read back.
 */
class HolderLanguageTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    /** The holder's stored language, or null when not known. */
    private String languageOf(String number) {
        String stored = db.sql("SELECT coalesce(holder_language, '') FROM certificate WHERE number = :n").bind("n", number)
            .map(row -> row.get(0, String.class)).one().block();
        return stored == null || stored.isEmpty() ? null : stored;
    }

    private Map<String, Object> lastMail(String recipient, String kind) {
        return db.sql("SELECT subject, text_body, language FROM mail_message WHERE recipient = :r AND kind = :k "
                + "ORDER BY created_at DESC LIMIT 1").bind("r", recipient).bind("k", kind).fetch().one().block();
    }

    @Test
    void aHolderWhoSignsInReadingFrenchGetsFrenchPagesAndIsRememberedAsFrench() {
        String address = "louise." + TestCertificates.uniqueSurname().toLowerCase() + "@example.org";
        Issued issued = TestCertificates.issuing(http).program("CCXP").name("Louise Lefèvre").email(address).issue();
        assertThat(languageOf(issued.number())).as("not known at issuance without a language").isNull();

        HolderVisitor holder = new HolderVisitor(http);
        assertThat(holder.get("/holder/sign-in?lang=fr").getResponseBody())
            .contains("<html lang=\"fr\"", "Connectez-vous sans mot de passe");
        assertThat(holder.post("/holder/sign-in", "/holder/sign-in", Map.of("email", address)).getResponseBody())
            .contains("un lien de connexion est en route");
        DevMailbox.awaitNewest(db, address, "SIGN_IN");
        Map<String, Object> signInMail = lastMail(address, "SIGN_IN");
        assertThat(signInMail.get("language")).as("the link is written in the language it was asked in").isEqualTo("fr");
        assertThat(signInMail.get("subject")).isEqualTo("Votre lien de connexion");
        assertThat((String) signInMail.get("text_body")).contains("Le lien ci-dessous vous connecte une seule fois");
        String link = DevMailbox.link(DevMailbox.newest(http, db, address, "SIGN_IN"), BASE_URL, "/holder/sign-in/");

        holder.post(link, link, Map.of());
        assertThat(languageOf(issued.number())).isEqualTo("fr");
        String area = holder.get("/holder").getResponseBody();
        assertThat(area).contains("<html lang=\"fr\"", "Vos certificats", "Se déconnecter", issued.number());

        // switching language in the holder area is remembered too
        String german = holder.get("/holder/certificates/" + issued.number() + "?lang=de").getResponseBody();
        assertThat(german).contains("<html lang=\"de\"", "Weiterbildungseinheiten", "Eine Aktivität einreichen");
        assertThat(languageOf(issued.number())).isEqualTo("de");
        // an unoffered one is not
        holder.get("/holder?lang=xx");
        assertThat(languageOf(issued.number())).isEqualTo("de");
    }

    @Test
    void theHoldersPrivatePageSpeaksTheirLanguageAndRemembersIt() {
        Issued issued = TestCertificates.issuing(http).program("CXSP").name("Lucía Ortega " + TestCertificates.uniqueSurname())
            .issue();
        String page = http.get().uri(issued.holderUrl() + "?lang=es").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<html lang=\"es\"", "Su certificado", "Directorio público", "VÁLIDO",
                "class=\"holder-name\" dir=\"auto\">Lucía Ortega");
        assertThat(languageOf(issued.number())).isEqualTo("es");
    }

    @Test
    void anAdminMayGiveTheHoldersLanguageAtIssuanceAndOnlyAnOfferedOne() {
        Issued issued = TestCertificates.issuing(http).program("CCXP").name("Hans Sprache " + TestCertificates.uniqueSurname())
            .language("de").issue();
        assertThat(languageOf(issued.number())).isEqualTo("de");
        Map<String, Object> issuedMail = db.sql("SELECT subject, text_body FROM mail_message WHERE certificate_number = :n "
                + "AND kind = 'ISSUED'").bind("n", issued.number()).fetch().one().block();
        assertThat(issuedMail.get("subject")).isEqualTo("CCXP-Zertifikat " + issued.number() + " ausgestellt");
        assertThat((String) issuedMail.get("text_body")).startsWith("Guten Tag Hans Sprache");

        http.post().uri("/api/v1/admin/certificates")
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "Kim Klingon", "email", "kim@example.org"),
                    "language", "tlh"))
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("language");
    }
}
