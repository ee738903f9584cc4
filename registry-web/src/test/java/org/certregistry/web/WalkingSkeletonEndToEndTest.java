package org.certregistry.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.web.support.Documents;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path of the walking skeleton over real HTTP against a real PostgreSQL: issue, PDF
 * with a QR code decoded back, verification page, public record, verification API, JWKS,
 * revocation seen everywhere, search.
 */
class WalkingSkeletonEndToEndTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Issued(String number, Map<String, Object> certificate, String holderUrl, String verificationUrl, String credential) {
    }

    @Test
    void anIssuedCertificateIsProvableEverywhereUntilItIsRevoked() throws Exception {
        // 1. an admin issues a CCXP certificate
        Issued issued = http.post().uri("/api/v1/admin/certificates")
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "Zoë Kowalczyk-Ørsted", "email", "zoe@example.org")))
            .exchange()
            .expectStatus().isCreated()
            .expectHeader().valueMatches("Location", "/api/v1/certificates/CCXP-.*")
            .expectBody(Issued.class).returnResult().getResponseBody();
        assertThat(issued.number()).matches("CCXP-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}");
        Instant validFrom = Instant.parse((String) issued.certificate().get("validFrom"));
        Instant validUntil = Instant.parse((String) issued.certificate().get("validUntil"));
        assertThat(validUntil).isEqualTo(validFrom.atZone(ZoneOffset.UTC).plusYears(2).toInstant());
        assertThat(issued.holderUrl()).startsWith(BASE_URL + "/h/");
        SignedJWT jwt = SignedJWT.parse(issued.credential());
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("type")).contains("VerifiableCredential", "OpenBadgeCredential");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(validUntil);

        // 2. the holder's private link serves the PDF, whose QR code holds the verification URL
        byte[] pdf = http.get().uri(issued.holderUrl() + "/certificate.pdf").exchange()
            .expectStatus().isOk()
            .expectHeader().contentType(MediaType.APPLICATION_PDF)
            .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(Documents.pageCount(pdf)).isEqualTo(1);
        String text = Documents.pdfText(pdf);
        assertThat(text).contains("Zoë Kowalczyk-Ørsted", issued.number(), "Certified Customer Experience Professional");
        String qr = Documents.decodeQr(Documents.firstPage(pdf, 300));
        assertThat(qr).isEqualTo(BASE_URL + "/v/" + issued.number());

        // 3. the URL in the QR code opens a page that says VALID, for whom, which program
        String page = http.get().uri(qr).accept(MediaType.TEXT_HTML).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("VALID", "Zoë Kowalczyk-Ørsted", "Certified Customer Experience Professional", issued.number());

        // 4. the public record
        http.get().uri("/api/v1/certificates/{n}", issued.number()).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.status").isEqualTo("VALID")
            .jsonPath("$.holderName").isEqualTo("Zoë Kowalczyk-Ørsted")
            .jsonPath("$.program.code").isEqualTo("CCXP");

        // 5. verification of the credential lists each check
        verify(issued.credential())
            .jsonPath("$.verdict").isEqualTo("VALID")
            .jsonPath("$.checks[?(@.check == 'signature')].outcome").isEqualTo(List.of("PASSED"))
            .jsonPath("$.checks[?(@.check == 'issuer')].outcome").isEqualTo(List.of("PASSED"))
            .jsonPath("$.checks[?(@.check == 'validity')].outcome").isEqualTo(List.of("PASSED"))
            .jsonPath("$.checks[?(@.check == 'status')].outcome").isEqualTo(List.of("PASSED"));

        // 6. the published key verifies the credential, independently of our verifier
        String jwks = http.get().uri("/.well-known/jwks.json").exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JWKSet keys = JWKSet.parse(jwks);
        assertThat(keys.getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        ECKey key = (ECKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();

        // 7. revocation, then REVOKED on the page, the record and the verification
        http.post().uri("/api/v1/admin/certificates/{n}/revoke", issued.number())
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("reason", "Examination irregularity"))
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.status").isEqualTo("REVOKED");
        assertThat(http.get().uri(qr).exchange().expectBody(String.class).returnResult().getResponseBody())
            .contains("REVOKED").doesNotContain(">VALID<");
        http.get().uri("/api/v1/certificates/{n}", issued.number()).exchange()
            .expectBody().jsonPath("$.status").isEqualTo("REVOKED");
        verify(issued.credential())
            .jsonPath("$.verdict").isEqualTo("REVOKED")
            .jsonPath("$.checks[?(@.check == 'status')].outcome").isEqualTo(List.of("FAILED"));

        // 8. the registry finds it by part of the name, without accents
        http.get().uri("/api/v1/registry?q=kowalczyk").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.results[?(@.number == '" + issued.number() + "')].status").isEqualTo(List.of("REVOKED"))
            .jsonPath("$.results[0].holderEmail").doesNotExist();
    }

    private WebTestClient.BodyContentSpec verify(String credential) {
        return http.mutate().responseTimeout(Duration.ofSeconds(30)).build()
            .post().uri("/api/v1/verifications")
            .contentType(MediaType.parseMediaType("application/jwt"))
            .bodyValue(credential)
            .exchange()
            .expectStatus().isOk()
            .expectBody();
    }
}
