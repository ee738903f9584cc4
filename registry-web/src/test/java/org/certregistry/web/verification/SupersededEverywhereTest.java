package org.certregistry.web.verification;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.verifier.cli.VerifyCommand;
import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.Browser;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a renewal, the older version is reported superseded, with where the current one is, on
 * every path: the API's JSON, the /verify page, the command line. Both forms of every version
 * carry a {@code refreshService} whose URL answers the current version, as JWT or as JSON-LD.
 */
class SupersededEverywhereTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void anOlderVersionIsSupersededOnEveryPathAndItsRefreshUrlAnswersTheCurrentOne() throws Exception {
        AdminApi api = new AdminApi(http);
        // renewed early: the new window starts now, the old version is still within its own
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(1);
        String number = api.issue("CCXP", "Renewed Holder", awarded);
        String oldJwt = current(number, "application/jwt");
        String oldTwin = current(number, "application/ld+json");
        api.recordCeus(number, "speaking", "ceu", 10, awarded.plusMonths(3)).expectStatus().isCreated();
        api.recordCeus(number, "program-attendance", "ceu", 10, awarded.plusMonths(4)).expectStatus().isCreated();
        api.act(number, "renew", null, null).expectStatus().isOk();

        String refresh = (String) SignedJWT.parse(oldJwt).getJWTClaimsSet().getJSONObjectClaim("refreshService").get("id");
        Map<String, Object> twinRefresh = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(oldTwin), "refreshService");
        assertThat(twinRefresh).containsEntry("id", refresh).containsEntry("type", "1EdTechCredentialRefresh");
        String newJwt = http.get().uri(refresh).accept(MediaType.parseMediaType("application/jwt")).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(newJwt).isNotEqualTo(oldJwt);
        assertThat(SignedJWT.parse(newJwt).getJWTClaimsSet().getNotBeforeTime())
            .isAfter(SignedJWT.parse(oldJwt).getJWTClaimsSet().getNotBeforeTime());
        String newTwin = current(number, "application/ld+json");
        assertThat(JSONObjectUtils.parse(newTwin).get("validFrom")).isEqualTo(SignedJWT.parse(newJwt).getJWTClaimsSet()
            .getStringClaim("validFrom"));

        String page = BASE_URL + "/v/" + number;
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(oldJwt).exchange()
            .expectStatus().isOk().expectBody()
            .jsonPath("$.verdict").isEqualTo("SUPERSEDED")
            .jsonPath("$.checks[?(@.check == 'registry')].message").value(m -> assertThat(((java.util.List<?>) m).get(0).toString()).contains(page));
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(newJwt).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("VALID");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new VerifyCommand(Map.of(), Clock.systemUTC(), System.in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()))
            .run(new String[] {"--registry", BASE_URL, "--cache", Files.createTempDirectory("cache").toString(), oldJwt});
        assertThat(exit).isEqualTo(VerifyCommand.NOT_VALID);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("SUPERSEDED").contains(page);

        ChromeDriver browser = Browser.open(1024, 900);
        try {
            browser.get(BASE_URL + "/verify");
            browser.executeScript("document.getElementById('credential').value = arguments[0];", oldJwt);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("A renewal replaced this version").contains(page);
            Browser.screenshot(browser, "verify-superseded");
        }
        finally {
            browser.quit();
        }
    }

    private String current(String number, String accept) {
        return http.get().uri("/api/v1/certificates/{n}/credential", number).accept(MediaType.parseMediaType(accept))
            .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(accept)
            .expectBody(String.class).returnResult().getResponseBody();
    }
}
