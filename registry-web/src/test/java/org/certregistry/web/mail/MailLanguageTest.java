package org.certregistry.web.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.certregistry.web.support.MailIntegrationTest;
import org.certregistry.web.support.Mailbox;
import org.certregistry.web.support.TestCertificates.Issued;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * E-mails reach a holder in the holder's language, subject included, as their mail program reads them from a real
 * SMTP server; a holder whose language is not known reads English.
 */
class MailLanguageTest extends MailIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void aFrenchHolderIsWrittenToInFrenchFromIssuanceToRevocation() {
        String address = "amelie." + TestCertificates.uniqueSurname().toLowerCase() + "@example.org";
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusMonths(1);
        Issued issued = TestCertificates.issuing(http).program("CCXP").name("Amélie Poulain").email(address).awardedOn(awarded)
            .language("fr").issue();

        Mailbox.Mail mail = MAILBOX.await(address, s -> s.contains(issued.number()));
        assertThat(mail.subject()).isEqualTo("Certificat CCXP " + issued.number() + " délivré");
        String until = awarded.plusYears(2).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.FRENCH));
        assertThat(mail.text()).startsWith("Bonjour Amélie Poulain,")
            .contains("a été délivré. Il est valide jusqu’au " + until + ".")
            .contains("Gardez ce lien pour vous").doesNotContain("Dear", "valid until");
        assertThat(mail.html()).contains("<html lang=\"fr\"", "<bdi>Amélie Poulain</bdi>", "href=\"" + mail.link(BASE_URL + "/h/") + "\"");

        TestCertificates.revoke(http, issued.number(), "Fraude à l’examen");
        Mailbox.Mail revoked = MAILBOX.await(address, s -> s.endsWith("révoqué"));
        assertThat(revoked.subject()).isEqualTo("Certificat CCXP " + issued.number() + " révoqué");
        assertThat(revoked.text()).contains("La révocation est définitive.").doesNotContain("Fraude à l’examen");
    }

    @Test
    void aHolderWhoseLanguageIsNotKnownIsWrittenToInEnglish() {
        String address = "nolang." + TestCertificates.uniqueSurname().toLowerCase() + "@example.org";
        Issued issued = TestCertificates.issuing(http).program("CXSP").name("Noor Unknown").email(address).issue();
        Mailbox.Mail mail = MAILBOX.await(address, s -> s.contains(issued.number()));
        assertThat(mail.subject()).isEqualTo("CXSP certificate " + issued.number() + " issued");
        assertThat(mail.text()).startsWith("Dear Noor Unknown,");
        assertThat(mail.html()).contains("<html lang=\"en\"");
    }
}
