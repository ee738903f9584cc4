package org.certregistry.web.verification;

import java.util.Map;

import org.certregistry.web.support.Browser;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The QR landing page in a real headless browser, at phone size. */
class VerificationPageBrowserTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    @SuppressWarnings("unchecked")
    void aPhoneShowsTheVerdictNameAndProgram() {
        Map<String, Object> issued = http.post().uri("/api/v1/admin/certificates")
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CXSP", "holder", Map.of("name", "Ανδρέας Παπαδόπουλος", "email", "a@example.org")))
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        ChromeDriver browser = Browser.open(390, 844);
        try {
            browser.get(BASE_URL + "/v/" + issued.get("number"));
            assertThat(browser.findElement(By.cssSelector(".verdict-word")).getText()).isEqualTo("VALID");
            assertThat(browser.findElement(By.cssSelector(".holder-name")).getText()).isEqualTo("Ανδρέας Παπαδόπουλος");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            Browser.screenshot(browser, "verify-valid-phone");
        }
        finally {
            browser.quit();
        }
    }
}
