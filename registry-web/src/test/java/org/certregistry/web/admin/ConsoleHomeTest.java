package org.certregistry.web.admin;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's home page counts the work waiting, each count a link to its list: CEU submissions, renewals, the
 * admin's cohorts issuing or stopped, e-mail that could not be sent.
 */
class ConsoleHomeTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void theHomePageCountsWhatWaitsAndLinksToEachList() {
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        int before = stopped(ConsoleSession.page(http, session, "/admin?lang=en").html());
        // a cohort whose instance stopped mid-way, as the lease sweep marks it
        String id = http.post().uri("/api/v1/admin/cohorts?fileName=home.csv").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.parseMediaType("text/csv")).bodyValue("program,name,email,awarded_on,listed\n"
                    + "CXSP,Hugo Home,hugo.home@example.org,,no\n")
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

        String html = ConsoleSession.page(http, session, "/admin?lang=en").html();
        assertThat(html).contains("<h1>Waiting for you</h1>")
            .containsPattern("<a href=\"/admin/ceus\">(No CEU submission waits|\\d+\\+? CEU submissions? waits?) for review</a>")
            .containsPattern("<a href=\"/admin/renewals\">(No renewal waits|\\d+\\+? renewals? waits?) for an admin</a>")
            .containsPattern("<a href=\"/admin/cohorts#recent\">Your cohorts: \\d+ issuing, \\d+ stopped before the end</a>")
            .containsPattern("<a href=\"/admin/mail\\?status=failed\">(No e-mail|\\d+\\+? e-mails?) could not be sent</a>");
        assertThat(stopped(html)).isEqualTo(before);
        assertThat(ConsoleSession.page(http, session, "/admin/cohorts?lang=en").html())
            .contains("id=\"recent\"", "href=\"/admin/cohorts/" + id + "\"", "checked, not started");

        String german = ConsoleSession.page(http, session, "/admin?lang=de").html();
        assertThat(german).contains("Was auf Sie wartet", "Ihre Jahrgänge:").doesNotContain("??");
        // an auditor sees the counts, without the cohorts (an auditor uploads none)
        String auditor = ConsoleSession.page(http, ConsoleSession.signIn(http, AUDITOR, AUDITOR_PASSWORD), "/admin?lang=en").html();
        assertThat(auditor).contains("href=\"/admin/ceus\"", "href=\"/admin/mail?status=failed\"").doesNotContain("/admin/cohorts#recent");
    }

    private static int stopped(String html) {
        Matcher m = Pattern.compile("Your cohorts: \\d+ issuing, (\\d+) stopped").matcher(html);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
