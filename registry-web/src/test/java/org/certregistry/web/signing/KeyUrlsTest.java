package org.certregistry.web.signing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.issuer.credential.CredentialSigner;
import org.certregistry.issuer.keys.KeyLoader;
import org.certregistry.keys.dev.DevelopmentKeys;
import org.certregistry.verifier.cli.VerifyCommand;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JWT the registry signs names its key by URL ({@code <base>/keys/<name>}), the JWKS lists
 * the key under that same string, and the URL answers the bare JWK. Credentials signed before,
 * with the bare name as {@code kid}, keep verifying: through the API and with the command line.
 */
class KeyUrlsTest extends RegistryIntegrationTest {

    static final String KEY_URL = BASE_URL + "/keys/" + DevelopmentKeys.KEY_ID;

    @Autowired
    WebTestClient http;

    @Test
    void credentialsAndStatusListsNameTheirKeyByAUrlThatAnswersTheJwk() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Key Url Holder");
        assertThat(SignedJWT.parse(issued.credential()).getHeader().getKeyID()).isEqualTo(KEY_URL);
        String statusUrl = (String) ((Map<?, ?>) SignedJWT.parse(issued.credential()).getJWTClaimsSet()
            .getJSONObjectClaim("credentialStatus")).get("statusListCredential");
        for (String list : List.of(statusUrl, statusUrl + "/suspension")) {
            String jwt = http.get().uri(list).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(SignedJWT.parse(jwt).getHeader().getKeyID()).as(list).isEqualTo(KEY_URL);
        }

        JWKSet published = JWKSet.parse(http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody());
        assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly(KEY_URL);
        String bare = http.get().uri(KEY_URL).exchange().expectStatus().isOk()
            .expectHeader().contentType("application/jwk+json")
            .expectBody(String.class).returnResult().getResponseBody();
        JWK key = JWK.parse(bare);
        assertThat(key).isEqualTo(published.getKeyByKeyId(KEY_URL));
        assertThat(key.isPrivate()).isFalse();
        http.get().uri("/keys/no-such-key").exchange().expectStatus().isNotFound();
    }

    @Test
    void aCredentialSignedWithABareKidKeepsVerifyingThroughTheApiAndTheCommandLine() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Bare Kid Holder");
        // the same claims signed as before key URLs: kid "dev-es256-1"
        String old = new CredentialSigner(KeyLoader.fromPem(DevelopmentKeys.KEY_ID, DevelopmentKeys.privateKeyPem()))
            .sign(SignedJWT.parse(issued.credential()).getJWTClaimsSet());
        assertThat(SignedJWT.parse(old).getHeader().getKeyID()).isEqualTo(DevelopmentKeys.KEY_ID);

        for (String credential : List.of(old, issued.credential())) {
            http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(credential)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("VALID");
            Path cache = Files.createTempDirectory("verify-cache");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = new VerifyCommand(Map.of(), Clock.systemUTC(), System.in,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))
                .run(new String[] {"--registry", BASE_URL, "--cache", cache.toString(), credential});
            assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(VerifyCommand.VALID);
        }
    }
}
