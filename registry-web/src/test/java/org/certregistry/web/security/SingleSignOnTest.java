package org.certregistry.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.certregistry.testidp.IdentityProvider;
import org.certregistry.web.support.Browser;
import org.certregistry.web.support.OwnPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Staff sign in to the console through their organisation's identity provider (OpenID Connect, authorization code
 * with PKCE), in a real browser against Spring Authorization Server: the role comes from the provider's {@code groups}
 * claim, someone the provider gives no role is refused, and with password sign-in switched off no password opens
 * the console or the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureWebTestClient(timeout = "60s")
class SingleSignOnTest {

    private static final int PORT = OwnPort.free();
    private static final String BASE_URL = "http://localhost:" + PORT;
    private static final int IDP_PORT = OwnPort.free();
    private static ConfigurableApplicationContext identityProvider;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        OwnPort.register(registry, PORT);
        identityProvider = IdentityProvider.start(IDP_PORT, BASE_URL + "/admin/sso/answer/example");
        String client = "spring.security.oauth2.client.registration.example.";
        registry.add(client + "client-id", () -> IdentityProvider.CLIENT_ID);
        registry.add(client + "client-secret", () -> IdentityProvider.CLIENT_SECRET);
        registry.add(client + "client-name", () -> "Example Corp");
        registry.add(client + "authorization-grant-type", () -> "authorization_code");
        registry.add(client + "redirect-uri", () -> "{baseUrl}/admin/sso/answer/{registrationId}");
        registry.add(client + "scope", () -> "openid,profile,email");
        registry.add("spring.security.oauth2.client.provider.example.issuer-uri", () -> IdentityProvider.issuer(IDP_PORT));
        registry.add("registry.security.sso.role-claim", () -> "groups");
        registry.add("registry.security.sso.admin-values", () -> "registry-admins");
        registry.add("registry.security.sso.auditor-values", () -> "registry-auditors");
        registry.add("registry.security.password-logins", () -> false);
    }

    @AfterAll
    static void stopIdentityProvider() {
        if (identityProvider != null) {
            identityProvider.close();
        }
    }

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Test
    void anAdminOfTheProviderSignsInAsAdminAndTheRegistryKeepsNoTokenOfTheirs() {
        ChromeDriver browser = Browser.open(1280, 1000);
        try {
            signInThroughProvider(browser, "ada");
            assertThat(browser.getCurrentUrl()).isEqualTo(BASE_URL + "/admin/certificates");
            // an admin's page: the issue form
            browser.get(BASE_URL + "/admin/certificates/new");
            assertThat(browser.findElements(By.cssSelector("form input[name=name]"))).isNotEmpty();
            // the session is the registry's own, with the provider's role; no token of the provider is stored
            assertThat(db.sql("SELECT user_name || ':' || array_to_string(roles, ',') FROM console_session "
                    + "WHERE user_name = 'ada@example.org'").map(row -> row.get(0, String.class)).all().collectList().block())
                .containsOnly("ada@example.org:ROLE_ADMIN");
            assertThat(browser.manage().getCookieNamed(SealedAuthorizationRequests.COOKIE)).as("the one-time sign-in cookie")
                .isNull();
        }
        finally {
            browser.quit();
        }
    }

    @Test
    void anAuditorOfTheProviderMayReadButNotChange() {
        ChromeDriver browser = Browser.open(1280, 1000);
        try {
            signInThroughProvider(browser, "otto");
            assertThat(browser.getCurrentUrl()).isEqualTo(BASE_URL + "/admin/certificates");
            assertThat(db.sql("SELECT array_to_string(roles, ',') FROM console_session WHERE user_name = 'otto@example.org'")
                .map(row -> row.get(0, String.class)).all().collectList().block()).containsOnly("ROLE_AUDITOR");
            // the API tokens are for admins only
            browser.get(BASE_URL + "/admin/tokens");
            assertThat(browser.findElements(By.cssSelector("form[action='/admin/tokens']"))).as("the token form").isEmpty();
        }
        finally {
            browser.quit();
        }
    }

    @Test
    void someoneTheProviderGivesNoRoleIsRefusedInWords() {
        ChromeDriver browser = Browser.open(1280, 1000);
        try {
            signInThroughProvider(browser, "eve");
            assertThat(browser.getCurrentUrl()).isEqualTo(BASE_URL + "/admin/login?refused");
            assertThat(browser.findElement(By.cssSelector(".notice.bad")).getText()).contains("no role in this registry");
            browser.get(BASE_URL + "/admin/certificates");
            assertThat(browser.getCurrentUrl()).as("still signed out").isEqualTo(BASE_URL + "/admin/login");
        }
        finally {
            browser.quit();
        }
    }

    @Test
    void withPasswordsSwitchedOffNoPasswordOpensTheConsoleOrTheApi() {
        String page = http.get().uri("/admin/login").exchange().expectStatus().isOk().expectBody(String.class).returnResult()
            .getResponseBody();
        assertThat(page).contains("Sign in with Example Corp").doesNotContain("name=\"password\"");
        http.get().uri("/api/v1/admin/certificates").headers(h -> h.setBasicAuth("admin", "registry-dev-admin"))
            .exchange().expectStatus().isUnauthorized();
    }

    private static void signInThroughProvider(ChromeDriver browser, String person) {
        browser.get(BASE_URL + "/admin/login");
        browser.findElement(By.linkText("Sign in with Example Corp")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.urlContains("localhost:" + IDP_PORT + "/login"));
        browser.findElement(By.name("username")).sendKeys(person);
        browser.findElement(By.name("password")).sendKeys(IdentityProvider.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("localhost:" + PORT + "/admin/"));
        wait.until(driver -> !driver.getCurrentUrl().contains("/admin/sso/"));
    }
}
