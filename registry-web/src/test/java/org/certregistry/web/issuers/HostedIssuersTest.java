package org.certregistry.web.issuers;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.keys.dev.DevelopmentKeys;
import org.certregistry.web.support.Browser;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code issuer.id} and {@code achievement.id} dereference: to the OB 3.0 Profile (also the
 * controller document of the Ed25519 keys) and Achievement as JSON-LD for JSON clients, and to a
 * readable page for a browser.
 */
class HostedIssuersTest extends RegistryIntegrationTest {

    static final String OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    static final String ISSUER = BASE_URL + "/issuers/cxpa";
    static final String METHOD = ISSUER + "/keys/" + DevelopmentKeys.ED25519_KEY_ID;

    @Autowired
    WebTestClient http;

    private Map<String, Object> json(String url, String accept, String expectedType) throws Exception {
        WebTestClient.RequestHeadersSpec<?> request = http.get().uri(url);
        if (accept != null) {
            request = request.header("Accept", accept);
        }
        String body = request.exchange().expectStatus().isOk().expectHeader().contentType(expectedType)
            .expectHeader().valueEquals("Vary", "Accept")
            .expectBody(String.class).returnResult().getResponseBody();
        return JSONObjectUtils.parse(body);
    }

    @Test
    void theIssuerIdAnswersTheProfileAndControllerDocumentToJsonClients() throws Exception {
        for (String accept : new String[] {"application/ld+json", null, "*/*", "application/ld+json, application/json"}) {
            Map<String, Object> profile = json(ISSUER, accept, "application/ld+json");
            assertThat(profile.get("@context")).asList().startsWith("https://www.w3.org/ns/did/v1").contains(OB_CONTEXT);
            assertThat(profile).containsEntry("id", ISSUER).containsEntry("type", List.of("Profile"))
                .containsEntry("name", "Customer Experience Professionals Association (CXPA)")
                .containsEntry("url", ISSUER).containsEntry("assertionMethod", List.of(METHOD));
            assertThat(profile.get("verificationMethod")).asList().singleElement().satisfies(m -> {
                Map<?, ?> method = (Map<?, ?>) m;
                assertThat(method.get("id")).isEqualTo(METHOD);
                assertThat(method.get("type")).isEqualTo("Multikey");
                assertThat(method.get("controller")).isEqualTo(ISSUER);
                assertThat((String) method.get("publicKeyMultibase")).startsWith("z6Mk");
            });
        }
        assertThat(json(ISSUER, "application/json", "application/json")).containsEntry("id", ISSUER);

        Map<String, Object> method = json(METHOD, "application/ld+json, application/json", "application/ld+json");
        assertThat(method).containsEntry("@context", "https://w3id.org/security/multikey/v1").containsEntry("id", METHOD)
            .containsEntry("type", "Multikey").containsEntry("controller", ISSUER);

        http.get().uri("/issuers/nobody").header("Accept", "application/ld+json").exchange().expectStatus().isNotFound();
        http.get().uri(ISSUER + "/keys/other-key").exchange().expectStatus().isNotFound();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAchievementIdAnswersTheOpenBadgesAchievement() throws Exception {
        Map<String, Object> achievement = json(BASE_URL + "/achievements/ccxp", "application/ld+json", "application/ld+json");
        assertThat(achievement.get("@context")).asList().containsExactly("https://www.w3.org/ns/credentials/v2", OB_CONTEXT);
        assertThat(achievement).containsEntry("id", BASE_URL + "/achievements/ccxp").containsEntry("type", List.of("Achievement"))
            .containsEntry("achievementType", "Certification")
            .containsEntry("name", "Certified Customer Experience Professional (CCXP)")
            .containsKeys("description");
        assertThat((Map<String, Object>) achievement.get("criteria")).containsEntry("id", BASE_URL + "/achievements/ccxp#criteria")
            .containsKey("narrative");
        assertThat((Map<String, Object>) achievement.get("creator")).containsEntry("id", ISSUER);
        http.get().uri("/achievements/nope").exchange().expectStatus().isNotFound();
    }

    @Test
    void aBrowserReadsThePagesAndFollowsTheirLinks() {
        ChromeDriver browser = Browser.open(1024, 900);
        try {
            browser.get(ISSUER);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Customer Experience Professionals Association (CXPA)");
            assertThat(browser.findElement(By.cssSelector(".key-id")).getText()).isEqualTo(METHOD);
            assertThat(browser.findElement(By.cssSelector(".key-multibase")).getText()).startsWith("z6Mk");
            Browser.screenshot(browser, "issuer-profile");
            browser.findElement(By.linkText("Certified Customer Experience Professional (CCXP)")).click();
            assertThat(browser.getCurrentUrl()).isEqualTo(BASE_URL + "/achievements/ccxp");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Certified Customer Experience Professional (CCXP)");
            assertThat(browser.findElement(By.id("criteria")).getText()).startsWith("Passed the CCXP examination");
            Browser.screenshot(browser, "achievement");
            browser.findElement(By.cssSelector(".achievement-creator")).click();
            assertThat(browser.getCurrentUrl()).isEqualTo(ISSUER);
        }
        finally {
            browser.quit();
        }
    }
}
