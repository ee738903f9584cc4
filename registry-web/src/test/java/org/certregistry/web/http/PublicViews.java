package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.certregistry.verifier.status.BitstringStatusList;
import org.certregistry.web.RegistryApplication;
import org.certregistry.web.support.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Starting instances of the registry for {@link SeveralInstancesTest}, and what one says publicly of a certificate. */
final class PublicViews {

    private PublicViews() {
    }

    /** An instance on its own port, on the test database, behind the shared public URL. */
    static ConfigurableApplicationContext startInstance(int port, String publicUrl) {
        TestDatabase db = TestDatabase.shared();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.r2dbc.url", db.r2dbcUrl());
        p.put("spring.r2dbc.username", db.user());
        p.put("spring.r2dbc.password", db.password());
        p.put("spring.flyway.url", db.jdbcUrl());
        p.put("spring.flyway.user", db.user());
        p.put("spring.flyway.password", db.password());
        p.put("server.port", port);
        p.put("registry.base-url", publicUrl);
        // a small pool each: the test database server is shared with other test runs
        p.put("spring.r2dbc.pool.initial-size", 1);
        p.put("spring.r2dbc.pool.max-size", 4);
        // a guess locked out stays locked while the next instance is asked, however busy the machine (1 s by default)
        p.put("registry.security.login-throttle.first-delay", "30s");
        // as command-line arguments: they outrank application.yml
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(RegistryApplication.class).run(args);
    }

    /** What an instance says of a certificate: its page, its public record, a verification, its status bit. */
    record State(String page, String record, String verdict, boolean bit) {
    }

    static String page(WebTestClient http, String number) {
        String page = http.get().uri("/v/{n}", number).exchange().expectStatus().isOk().expectBody(String.class)
            .returnResult().getResponseBody();
        java.util.regex.Matcher word = java.util.regex.Pattern.compile("id=\"verdict-word\">([A-Z]+)<").matcher(page);
        assertThat(word.find()).isTrue();
        return word.group(1);
    }

    static State of(WebTestClient http, String number) throws Exception {
        Map<?, ?> record = http.get().uri("/api/v1/certificates/{n}", number).exchange().expectStatus().isOk()
            .expectBody(Map.class).returnResult().getResponseBody();
        String credential = http.get().uri("/api/v1/certificates/{n}/credential", number).exchange()
            .expectBody(String.class).returnResult().getResponseBody();
        Map<?, ?> verification = http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN)
            .bodyValue(credential).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) SignedJWT.parse(credential).getJWTClaimsSet()
            .getClaim("credentialStatus");
        boolean bit = bitSet(http, URI.create((String) status.get("statusListCredential")).getPath(),
                Integer.parseInt((String) status.get("statusListIndex")));
        return new State(page(http, number), String.valueOf(record.get("status")), String.valueOf(verification.get("verdict")), bit);
    }

    static boolean bitSet(WebTestClient http, String list, int index) throws Exception {
        String jwt = http.get().uri(list).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
            .getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> subject = (Map<String, Object>) SignedJWT.parse(jwt).getJWTClaimsSet().getClaim("credentialSubject");
        return BitstringStatusList.decode((String) subject.get("encodedList")).isSet(index);
    }
}
