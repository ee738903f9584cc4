package org.certregistry.web.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.verifier.Verifier;
import org.certregistry.verifier.cli.VerifyCommand;
import org.certregistry.verifier.fetch.HttpFetcher;
import org.certregistry.verifier.keys.JwksKeySource;
import org.certregistry.verifier.status.BitstringStatusList;
import org.certregistry.verifier.status.SignedStatusListSource;
import org.certregistry.verifier.status.StatusLookup;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status list over real HTTP: served signed, with a strong ETag and a short max-age; its bit
 * is set by the revocation itself; independent verification (the verifier library and its
 * command line, talking HTTP to this server) sees the revocation on the next request.
 */
class StatusListEndToEndTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @TempDir
    Path cache;

    record Entry(String listUrl, int index, String issuer) {
    }

    @SuppressWarnings("unchecked")
    static Entry entry(String credential) throws Exception {
        Map<String, Object> claims = SignedJWT.parse(credential).getJWTClaimsSet().toJSONObject();
        Map<String, Object> status = (Map<String, Object>) claims.get("credentialStatus");
        return new Entry((String) status.get("statusListCredential"), Integer.parseInt((String) status.get("statusListIndex")),
                (String) claims.get("iss"));
    }

    SignedStatusListSource independentStatusSource() {
        Clock clock = Clock.systemUTC();
        HttpFetcher fetcher = HttpFetcher.standard(clock);
        JwksKeySource keys = JwksKeySource.url(URI.create(BASE_URL + "/.well-known/jwks.json"), fetcher, clock,
                Duration.ofMinutes(5), Duration.ofMinutes(5));
        return new SignedStatusListSource(fetcher, keys, Set.of(JWSAlgorithm.ES256), Verifier.defaultProvider(), clock,
                Duration.ZERO, Duration.ZERO);
    }

    int cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = new String[args.length + 4];
        all[0] = "--registry";
        all[1] = BASE_URL;
        all[2] = "--cache";
        all[3] = cache.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return new VerifyCommand(Map.of(), Clock.systemUTC(), System.in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream())).run(all);
    }

    @Test
    void theListIsSignedServedWithAStrongEtagAndRevocationSetsItsBitAtOnce() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Ada Lovelace");
        Entry entry = entry(issued.credential());
        assertThat(entry.listUrl()).startsWith(BASE_URL + "/status/");

        var first = http.get().uri(entry.listUrl()).exchange()
            .expectStatus().isOk()
            .expectHeader().contentType("application/jwt")
            .expectHeader().cacheControl(org.springframework.http.CacheControl.maxAge(Duration.ofSeconds(1)).cachePublic())
            .expectBody(String.class).returnResult();
        String etag = first.getResponseHeaders().getETag();
        assertThat(etag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
        SignedJWT list = SignedJWT.parse(first.getResponseBody());
        assertThat(list.getJWTClaimsSet().getStringListClaim("type")).contains("BitstringStatusListCredential");
        assertThat(list.getJWTClaimsSet().getIssuer()).isEqualTo(entry.issuer());
        @SuppressWarnings("unchecked")
        Map<String, Object> subject = (Map<String, Object>) list.getJWTClaimsSet().getClaim("credentialSubject");
        BitstringStatusList bits = BitstringStatusList.decode((String) subject.get("encodedList"));
        assertThat(bits.size()).isGreaterThanOrEqualTo(131_072);
        assertThat(bits.isSet(entry.index())).isFalse();

        // the same bits: the same representation, and 304 to a conditional request
        http.get().uri(entry.listUrl()).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isNotModified();
        http.get().uri(entry.listUrl()).exchange().expectHeader().valueEquals(HttpHeaders.ETAG, etag);

        assertThat(independentStatusSource().lookup(entry.issuer(), entry.listUrl(), entry.index()))
            .isInstanceOf(StatusLookup.Clear.class);
        assertThat(cli(issued.credential())).isEqualTo(VerifyCommand.VALID);

        TestCertificates.revoke(http, issued.number());

        // the very next request shows it: new ETag, the bit set, every path says revoked
        http.get().uri(entry.listUrl()).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isOk()
            .expectHeader().value(HttpHeaders.ETAG, tag -> assertThat(tag).isNotEqualTo(etag));
        assertThat(independentStatusSource().lookup(entry.issuer(), entry.listUrl(), entry.index()))
            .isInstanceOf(StatusLookup.Set.class);
        assertThat(cli(issued.credential())).isEqualTo(VerifyCommand.NOT_VALID);
        http.post().uri("/api/v1/verifications").contentType(org.springframework.http.MediaType.TEXT_PLAIN)
            .bodyValue(issued.credential()).exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.verdict").isEqualTo("REVOKED");
    }

    @Test
    void eachAwardingBodyHasItsOwnListSignedAsThatIssuer() throws Exception {
        Entry ccxp = entry(TestCertificates.issue(http, "CCXP", "Grace Hopper").credential());
        Entry cxsp = entry(TestCertificates.issue(http, "CXSP", "Katherine Johnson").credential());
        assertThat(ccxp.listUrl()).isNotEqualTo(cxsp.listUrl());
        for (Entry e : new Entry[] {ccxp, cxsp}) {
            String jwt = http.get().uri(e.listUrl()).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
            assertThat(SignedJWT.parse(jwt).getJWTClaimsSet().getIssuer()).isEqualTo(e.issuer());
            assertThat(independentStatusSource().lookup(e.issuer(), e.listUrl(), e.index())).isInstanceOf(StatusLookup.Clear.class);
        }
    }

    @Test
    void anUnknownListIsNotFoundAndAMalformedOneABadRequest() {
        http.get().uri("/status/999999").exchange().expectStatus().isNotFound();
        http.get().uri("/status/abc").exchange().expectStatus().isBadRequest();
    }
}
