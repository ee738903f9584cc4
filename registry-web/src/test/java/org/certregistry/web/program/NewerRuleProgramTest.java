package org.certregistry.web.program;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.DevMailbox;
import org.certregistry.web.support.HolderVisitor;
import org.certregistry.web.support.OwnPort;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CXPA's newer rule (30 units per 3 years, at least 15 from real-time activities) exists only in
 * the {@code newer-rule} profile's properties, and is enforced without any Java change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureWebTestClient(timeout = "60s")
@ActiveProfiles("newer-rule")
class NewerRuleProgramTest {

    static final int PORT = OwnPort.free();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        OwnPort.register(registry, PORT);
    }

    @Autowired
    ProgramCatalog programs;

    @Autowired
    DatabaseClient db;

    @Autowired
    WebTestClient http;

    @Test
    void theNewerRuleIsConfigurationAloneAndNeedsFifteenRealTimeUnitsOfThirty() {
        Program program = programs.find("CCXPN").orElseThrow();
        assertThat(program.validity().getYears()).isEqualTo(3);
        assertThat(program.process().approval()).isEqualTo(RenewalProcess.Approval.ADMIN);
        assertThat(program.renewal().minimums()).singleElement()
            .satisfies(m -> assertThat(m.categories()).containsExactly("live-events", "live-webinars"));

        AdminApi admin = new AdminApi(http);
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(3).plusDays(30);
        String number = admin.issue("CCXPN", "Nora Newrule", awarded);
        LocalDate earned = awarded.plusDays(10);
        admin.recordCeus(number, "on-demand-courses", "ceu", 12, earned).expectStatus().isCreated();
        admin.recordCeus(number, "reading", "ceu", 8, earned).expectStatus().isCreated();
        admin.recordCeus(number, "live-events", "ceu", 10, earned).expectStatus().isCreated();

        // 30 units, but only 10 real-time ones
        admin.act(number, "renew", null, null).expectStatus().isEqualTo(422).expectBody(String.class)
            .value(problem -> assertThat(problem)
                .contains("at least 15 must come from real-time activities (live-events, live-webinars), and 10 do"));

        admin.recordCeus(number, "live-webinars", "ceu", 5, earned).expectStatus().isCreated();
        Map<String, Object> renewed = admin.act(number, "renew", null, null).expectStatus().isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            }).returnResult().getResponseBody();
        assertThat(renewed.get("validUntil").toString()).startsWith(awarded.plusYears(6).toString());
    }

    @Test
    void theHoldersDashboardShowsTheRealTimeMinimumAndWhatItLacks() {
        AdminApi admin = new AdminApi(http);
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(3).plusDays(30);
        String name = "Mina Minimum " + TestCertificates.uniqueSurname();
        String number = admin.issue("CCXPN", name, awarded);
        String address = name.toLowerCase().replaceAll("[^a-z]", "") + "@example.org";
        LocalDate earned = awarded.plusDays(10);
        admin.recordCeus(number, "on-demand-courses", "ceu", 12, earned).expectStatus().isCreated();
        admin.recordCeus(number, "reading", "ceu", 8, earned).expectStatus().isCreated();
        admin.recordCeus(number, "live-events", "ceu", 5, earned).expectStatus().isCreated();

        HolderVisitor holder = new HolderVisitor(http);
        holder.post("/holder/sign-in", "/holder/sign-in", Map.of("email", address));
        String link = DevMailbox.link(DevMailbox.newest(http, db, address, "SIGN_IN"), "http://localhost:" + PORT, "/holder/sign-in/");
        holder.post(link, link, Map.of());
        String card = holder.get("/holder?lang=en").getResponseBody();
        assertThat(card).contains("data-phase=\"RENEWAL_OPEN\"", "<strong>25</strong> of <strong>30</strong>",
                "At least 15 must come from real-time activities: 5 so far.",
                "5 CEUs are missing: 25 of the required 30 count in this cycle. At least 15 must come from real-time activities, and 5 do.",
                "live webinars: any number");
        assertThat(holder.get("/holder?lang=de").getResponseBody()).contains("Mindestens 15 müssen aus real-time activities stammen: bisher 5.",
                "Live-Webinare: beliebig viele").doesNotContain("??");
    }

    @Test
    void withoutTheMinimumTheOldRulesAreUnchanged() {
        Program ccxp = programs.find("CCXP").orElseThrow();
        assertThat(ccxp.renewal().minimums()).isEmpty();
        assertThat(ccxp.process().approval()).isEqualTo(RenewalProcess.Approval.AUTOMATIC);
        assertThat(ccxp.renewal().assess(List.of(new RenewalPolicy.EarnedUnits("speaking", 10),
                new RenewalPolicy.EarnedUnits("college-courses", 10))).met()).isTrue();
    }
}
