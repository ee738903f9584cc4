package org.certregistry.web.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Suspend, reinstate, revoke and renew with CEUs through the admin API, against the real database. */
class LifecycleApiTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    AdminApi api;

    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void client() {
        api = new AdminApi(http);
    }

    @Test
    void renewalWithTwentyCeusSignsANewVersionThatContinuesTheCycle() throws Exception {
        LocalDate awarded = today.minusYears(2).minusDays(30);
        String number = api.issue("CCXP", "Renée Lapsed", awarded);
        api.recordCeus(number, "speaking", "ceu", 10, awarded.plusMonths(3)).expectStatus().isCreated()
            .expectBody().jsonPath("$.units").isEqualTo(10).jsonPath("$.cycle").isEqualTo(1);
        api.recordCeus(number, "college-courses", "quarter-credit-hour", 1, awarded.plusMonths(6)).expectStatus().isCreated()
            .expectBody().jsonPath("$.units").isEqualTo(10);

        api.act(number, "renew", null, null).expectStatus().isOk()
            .expectHeader().valueEquals("ETag", "\"1\"")
            .expectBody()
            .jsonPath("$.credentialVersion").isEqualTo(2)
            .jsonPath("$.status").isEqualTo("VALID")
            .jsonPath("$.validFrom").isEqualTo(awarded.plusYears(2).atStartOfDay(ZoneOffset.UTC).toInstant().toString())
            .jsonPath("$.validUntil").isEqualTo(awarded.plusYears(4).atStartOfDay(ZoneOffset.UTC).toInstant().toString());

        // the new version is stored, signed with the same credential id and awarded date, and a new window
        List<String> jwts = db.sql("SELECT jwt FROM credential_version v JOIN certificate c ON c.id = v.certificate_id "
                + "WHERE c.number = :n ORDER BY v.version").bind("n", number).map(r -> r.get(0, String.class)).all()
            .collectList().block();
        assertThat(jwts).hasSize(2);
        var first = SignedJWT.parse(jwts.get(0)).getJWTClaimsSet();
        var second = SignedJWT.parse(jwts.get(1)).getJWTClaimsSet();
        assertThat(second.getJWTID()).isEqualTo(first.getJWTID());
        assertThat(second.getStringClaim("awardedDate")).isEqualTo(first.getStringClaim("awardedDate"));
        assertThat(second.getNotBeforeTime()).isEqualTo(first.getExpirationTime());
        assertThat(Instant.parse(second.getStringClaim("validUntil")))
            .isEqualTo(awarded.plusYears(4).atStartOfDay(ZoneOffset.UTC).toInstant());

        // the history says who renewed, and why it was allowed
        http.get().uri("/api/v1/admin/certificates/{n}/history", number)
            .headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD)).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$[*].action").isEqualTo(List.of("ISSUED", "CEUS_RECORDED", "CEUS_RECORDED", "RENEWED"))
            .jsonPath("$[3].actor").isEqualTo(ADMIN)
            .jsonPath("$[3].before.credentialVersion").isEqualTo(1)
            .jsonPath("$[3].after.credentialVersion").isEqualTo(2)
            .jsonPath("$[3].reason").value(r -> assertThat((String) r).contains("20 CEUs counted"));

        // units of the previous cycle never count for the next one
        api.act(number, "renew", null, null).expectStatus().isEqualTo(422)
            .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d)
                .contains("20 CEUs are missing: 0 of the required 20 count in this cycle"));
    }

    @Test
    void renewalShortOfUnitsSaysExactlyWhatIsMissingAndChangesNothing() {
        LocalDate awarded = today.minusYears(1);
        String number = api.issue("CCXP", "Short Of Units", awarded);
        api.recordCeus(number, "speaking", "ceu", 11, awarded.plusDays(10)).expectStatus().isCreated();
        api.recordCeus(number, "program-attendance", "ceu", 8, awarded.plusDays(20)).expectStatus().isCreated();
        int version = api.version(number);

        api.act(number, "renew", null, null).expectStatus().isEqualTo(422)
            .expectBody()
            .jsonPath("$.detail").value(d -> assertThat((String) d).contains("2 CEUs are missing: 18 of the required 20")
                .contains("speaking is already at the limit of 10"))
            .jsonPath("$.countedByCategory.speaking").isEqualTo(10);
        assertThat(api.version(number)).isEqualTo(version);
    }

    @Test
    void unitsEarnedBeforeTheCycleBeganAreRefused() {
        LocalDate awarded = today.minusMonths(6);
        String number = api.issue("CCXP", "Early Bird", awarded);
        api.recordCeus(number, "speaking", "ceu", 5, awarded.minusDays(1)).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("earnedOn")
            .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("earlier cycle never count"));
        api.recordCeus(number, "juggling", "furlong", 0, today).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[*].field").isEqualTo(List.of("category", "measure", "quantity"));
    }

    @Test
    void renewalAfterTheGracePeriodIsRefused() {
        String number = api.issue("CXSP", "Too Late", today.minusYears(2).minusDays(91));
        api.act(number, "renew", null, null).expectStatus().isEqualTo(409)
            .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("(active)")
                .contains("grace period for renewal ended"))
            .jsonPath("$.state").isEqualTo("ACTIVE");
    }

    @Test
    void suspendReinstateRevokeAndTheRefusalsInBetween() {
        String number = api.issue("CXSP", "Sus Pended", null);
        api.act(number, "reinstate", null, null).expectStatus().isEqualTo(409)
            .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("(active)"));
        api.act(number, "suspend", null, null).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        api.act(number, "suspend", "Complaint under investigation", null).expectStatus().isOk()
            .expectBody().jsonPath("$.state").isEqualTo("SUSPENDED").jsonPath("$.status").isEqualTo("SUSPENDED")
            .jsonPath("$.allowedActions").isEqualTo(List.of("reinstate", "revoke"));
        api.act(number, "renew", null, null).expectStatus().isEqualTo(409)
            .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("(suspended)"));
        api.act(number, "reinstate", "Complaint dismissed", null).expectStatus().isOk()
            .expectBody().jsonPath("$.state").isEqualTo("ACTIVE");
        api.act(number, "revoke", "Fraud", null).expectStatus().isOk()
            .expectBody().jsonPath("$.state").isEqualTo("REVOKED").jsonPath("$.allowedActions").isEmpty();
        for (String action : List.of("suspend", "reinstate", "revoke")) {
            api.act(number, action, "again", null).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("(revoked)"))
                .jsonPath("$.state").isEqualTo("REVOKED");
        }
        api.recordCeus(number, "speaking", "ceu", 1, today).expectStatus().isEqualTo(409);
        http.get().uri("/api/v1/certificates/{n}", number).exchange().expectBody().jsonPath("$.status").isEqualTo("REVOKED");
    }

    @Test
    void aChangeMadeWithAStaleVersionGetsA409SayingWhatChanged() {
        String number = api.issue("CXSP", "Two Admins", null);
        int version = api.version(number);
        api.act(number, "suspend", "First admin: investigation", version).expectStatus().isOk()
            .expectHeader().valueEquals("ETag", "\"" + (version + 1) + "\"");
        api.act(number, "revoke", "Second admin: fraud", version).expectStatus().isEqualTo(409)
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://certregistry.org/problems/concurrent-change")
            .jsonPath("$.currentVersion").isEqualTo(version + 1)
            .jsonPath("$.detail").value(d -> assertThat((String) d).contains("you had version " + version)
                .contains("suspended").contains("by admin").contains("First admin: investigation"));
        api.act(number, "revoke", "bad tag", null).expectStatus().isOk();
        http.post().uri("/api/v1/admin/certificates/{n}/reinstate", number).header("If-Match", "yesterday")
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange().expectStatus().isBadRequest();
    }

    @Test
    void theAdminListFiltersByProgramStatusExpiringSoonAndText() {
        String expiring = api.issue("CCXP", "Xavier Expiringsoon", today.minusYears(2).plusDays(20));
        String fresh = api.issue("CCXP", "Xavier Freshly", today);
        Map<?, ?> listing = http.get().uri("/api/v1/admin/certificates?program=ccxp&expiringSoon=true&q=xavier")
            .headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD)).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(listing.get("certificates").toString()).contains(expiring).doesNotContain(fresh);
        http.get().uri("/api/v1/admin/certificates?status=VALID&q={n}", fresh)
            .headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD)).exchange()
            .expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.certificates[0].holderEmail").exists();
        http.get().uri("/api/v1/admin/certificates?status=lost")
            .headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD)).exchange().expectStatus().isBadRequest();
    }
}
