package org.certregistry.web.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.net.URI;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.certregistry.web.support.OwnPort;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Serving a status list costs the same whatever the number of certificates: after the first
 * request, no request reads the database or signs; a change signs the list once, in its
 * transaction, and what is served is the stored copy, byte for byte.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class StatusListFromMemoryTest {

    static final int PORT = OwnPort.free();

    @DynamicPropertySource
    static void ownPort(DynamicPropertyRegistry registry) {
        OwnPort.register(registry, PORT);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @MockitoSpyBean
    StatusListRepository lists;

    @Test
    void requestsAreAnsweredFromMemoryAndAChangeSignsTheListOnceInItsTransaction() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Served From Memory");
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) SignedJWT.parse(issued.credential()).getJWTClaimsSet()
            .getClaim("credentialStatus");
        String path = URI.create((String) status.get("statusListCredential")).getPath();
        int list = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        String etag = http.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
            .getResponseHeaders().getETag();

        clearInvocations(lists);
        for (int i = 0; i < 500; i++) {
            http.get().uri(path).exchange().expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, etag);
            http.get().uri(path).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isNotModified();
        }
        verifyNoInteractions(lists);

        TestCertificates.revoke(http, issued.number());
        verify(lists, times(1)).bits(list);
        verify(lists, times(1)).storeSigned(anyInt(), org.mockito.ArgumentMatchers.anyString(),
                org.mockito.ArgumentMatchers.anyLong(), org.mockito.ArgumentMatchers.anyString(),
                org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.eq(false));
        clearInvocations(lists);
        var served = http.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(served.getResponseHeaders().getETag()).isNotEqualTo(etag);
        for (int i = 0; i < 500; i++) {
            http.get().uri(path).exchange().expectStatus().isOk();
        }
        verifyNoInteractions(lists);

        Map<String, Object> stored = db.sql("SELECT s.jwt, s.etag, s.revision, l.revision AS bits FROM status_list_signed s "
                + "JOIN status_list l ON l.id = s.list WHERE s.list = :list AND s.base_url = :base")
            .bind("list", list).bind("base", "http://localhost:" + PORT).fetch().one().block();
        assertThat(stored).containsEntry("jwt", served.getResponseBody())
            .containsEntry("etag", served.getResponseHeaders().getETag());
        assertThat(stored.get("revision")).isEqualTo(stored.get("bits"));
    }

    @Test
    void aListStoredWithAKeyNoLongerInTheRingIsSignedAgainAndReplaced() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CXSP", "Key Removed");
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) SignedJWT.parse(issued.credential()).getJWTClaimsSet()
            .getClaim("credentialStatus");
        String path = URI.create((String) status.get("statusListCredential")).getPath();
        int list = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        String activeKid = SignedJWT.parse(issued.credential()).getHeader().getKeyID();
        // as stored by instances whose key has since been removed from the ring (compromised, say)
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"ES256\",\"kid\":\"removed-key\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        db.sql("UPDATE status_list_signed SET jwt = :header || substr(jwt, strpos(jwt, '.')), etag = '\"removed\"' "
                + "WHERE list = :list AND base_url = :base")
            .bind("header", header).bind("list", list).bind("base", "http://localhost:" + PORT).then().block();

        // an instance that (re)loads its lists drops that copy, and makes it again when asked for it
        events.publishEvent(new org.certregistry.web.cluster.NotificationsResumed());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !SignedJWT.parse(http.get()
            .uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
            .getHeader().getKeyID().equals("removed-key") && isReplaced(list, activeKid));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            Map<String, Object> row = db.sql("SELECT jwt FROM status_list_signed WHERE list = :list AND base_url = :base")
                .bind("list", list).bind("base", "http://localhost:" + PORT).fetch().one().block();
            return activeKid.equals(SignedJWT.parse((String) row.get("jwt")).getHeader().getKeyID());
        });
        String served = http.get().uri(path).exchange().expectStatus().isOk()
            .expectHeader().value(HttpHeaders.ETAG, tag -> assertThat(tag).isNotEqualTo("\"removed\""))
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(SignedJWT.parse(served).getHeader().getKeyID()).isEqualTo(activeKid);
    }

    private boolean isReplaced(int list, String activeKid) throws java.text.ParseException {
        Map<String, Object> row = db.sql("SELECT jwt FROM status_list_signed WHERE list = :list AND base_url = :base")
            .bind("list", list).bind("base", "http://localhost:" + PORT).fetch().one().block();
        return activeKid.equals(SignedJWT.parse((String) row.get("jwt")).getHeader().getKeyID());
    }

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
}
