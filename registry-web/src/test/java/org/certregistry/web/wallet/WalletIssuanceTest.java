package org.certregistry.web.wallet;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.web.support.HolderVisitor;
import org.certregistry.web.support.MailIntegrationTest;
import org.certregistry.web.support.Mailbox;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * OpenID4VCI 1.0, pre-authorized code flow, over real HTTP: an independent wallet (npm {@code @openid4vc/openid4vci},
 * src/test/node/wallet.mjs) takes an offer made on the holder's page with the transaction code read from the e-mail
 * it was sent; the credentials it receives verify against our JWKS and name its key. Then each refusal the
 * specification names, each leaving the offer, token or nonce as it was.
 */
class WalletIssuanceTest extends MailIntegrationTest {

    static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
    static final String PRE_AUTHORIZED = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
    static final String CODE_SUBJECT = "Your code for adding your certificate to a wallet";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    CredentialOffers offers;

    @Autowired
    Nonces nonces;

    /** An offer as the holder's page showed it, and its transaction code as the holder's e-mail gave it. */
    record Offer(String number, String link, String handle, String code, String txCode) {
    }

    @BeforeAll
    static void nodeAndPackages() throws Exception {
        assumeTrue(run(List.of("node", "--version"), 30).exit() == 0, "Node.js is not installed");
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@openid4vc/openid4vci"))) {
            Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            assertThat(ci.exit()).as(ci.output()).isZero();
        }
    }

    @Test
    void anIndependentWalletTakesBothFormatsBoundToItsKeyAndTheJwtVerifiesAgainstOurJwks() throws Exception {
        Offer offer = offer();
        Result wallet = run(List.of("node", "wallet.mjs", offer.link(), offer.txCode()), 120);
        assertThat(wallet.exit()).as(wallet.output()).isZero();
        String[] lines = wallet.output().strip().split("\n");
        Map<String, Object> took = JSONObjectUtils.parse(lines[lines.length - 1]);
        assertThat(took).containsEntry("credentialIssuer", BASE_URL).containsEntry("tokenEndpoint", BASE_URL + "/api/v1/wallet/token")
            .containsEntry("txCodeInputMode", "numeric").containsEntry("tokenType", "Bearer");
        String did = KeyProofs.didJwk(JWK.parse(JSONObjectUtils.getJSONObject(took, "publicJwk")));
        Map<String, Object> credentials = JSONObjectUtils.getJSONObject(took, "credentials");

        // the VC-JWT: our issuer key from our JWKS, the certificate's claims, bound to the wallet's key
        SignedJWT jwt = SignedJWT.parse((String) credentials.get("jwt_vc_json"));
        JWKSet jwks = JWKSet.parse(http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody());
        JWK issuerKey = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(issuerKey).as("the JWT's kid is in our JWKS").isNotNull();
        assertThat(jwt.verify(new ECDSAVerifier(issuerKey.toECKey()))).isTrue();
        Map<String, Object> subject = JSONObjectUtils.getJSONObject(jwt.getJWTClaimsSet().toJSONObject(), "credentialSubject");
        assertThat(subject).containsEntry("id", did).containsEntry("licenseNumber", offer.number());
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(did);
        // the did:jwk holds the wallet's public key, nothing else
        JWK bound = JWK.parse(new String(Base64.getUrlDecoder().decode(did.substring("did:jwk:".length())), StandardCharsets.UTF_8));
        assertThat(bound.isPrivate()).isFalse();
        assertThat(bound.computeThumbprint()).isEqualTo(JWK.parse(JSONObjectUtils.getJSONObject(took, "publicJwk")).computeThumbprint());
        // and the registry's own verifier takes it like any other copy of the certificate
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(jwt.serialize())
            .exchange().expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("VALID");

        // the Data Integrity twin: an object with its eddsa-rdfc-2022 proof, bound to the same key
        @SuppressWarnings("unchecked")
        Map<String, Object> twin = (Map<String, Object>) credentials.get("ldp_vc");
        assertThat(JSONObjectUtils.getJSONObject(twin, "credentialSubject")).containsEntry("id", did)
            .containsEntry("licenseNumber", offer.number());
        assertThat(JSONObjectUtils.getJSONObject(twin, "proof")).containsEntry("cryptosuite", "eddsa-rdfc-2022");

        // the offer was taken: its document is gone and its code redeems nothing more
        http.get().uri(URI.create(offerUri(offer.link()))).exchange().expectStatus().isNotFound();
        token(offer.code(), offer.txCode()).expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");

        // the SD-JWT VC: npm @sd-jwt/sd-jwt-vc checks our signature, each disclosure and its Token Status List entry
        String sdJwt = (String) credentials.get("dc+sd-jwt");
        Map<String, Object> checked = sdJwtCheck(sdJwt);
        assertThat(checked).as(checked.toString()).containsEntry("valid", true).containsEntry("status", 0L);
        assertThat(JSONObjectUtils.getJSONObject(checked, "header")).containsEntry("typ", "dc+sd-jwt");
        Map<String, Object> claims = JSONObjectUtils.getJSONObject(checked, "claims");
        assertThat(claims).containsEntry("iss", BASE_URL).containsEntry("vct", BASE_URL + "/credentials/types/professional-certificate")
            .containsEntry("certificate_number", offer.number()).containsKey("name").containsKey("program").containsKey("awarded_date");
        JWK confirmed = JWK.parse(JSONObjectUtils.getJSONObject(JSONObjectUtils.getJSONObject(claims, "cnf"), "jwk"));
        assertThat(confirmed.isPrivate()).isFalse();
        assertThat(confirmed.computeThumbprint()).isEqualTo(JWK.parse(JSONObjectUtils.getJSONObject(took, "publicJwk")).computeThumbprint());
        // only digests in the signed part: the name is in a disclosure, not in the JWT
        assertThat(new String(Base64.getUrlDecoder().decode(sdJwt.split("~")[0].split("\\.")[1]), StandardCharsets.UTF_8))
            .doesNotContain(offer.number()).contains("\"_sd\"");

        // revoked: the same library reads the revocation in the Token Status List
        TestCertificates.revoke(http, offer.number());
        Map<String, Object> revoked = sdJwtCheck(sdJwt);
        assertThat(revoked).as(revoked.toString()).containsEntry("valid", false).containsEntry("status", 1L);
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(jwt.serialize())
            .exchange().expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("REVOKED");
    }

    Map<String, Object> sdJwtCheck(String sdJwt) throws Exception {
        Result result = run(List.of("node", "verify-sd-jwt.mjs", BASE_URL, sdJwt), 60);
        assertThat(result.exit()).as(result.output()).isZero();
        String[] lines = result.output().strip().split("\n");
        return JSONObjectUtils.parse(lines[lines.length - 1]);
    }

    @Test
    void theMetadataNamesTheEndpointsBothFormatsAndDisplayTextsInFourLanguages() throws Exception {
        Map<String, Object> issuer = json(http.get().uri("/.well-known/openid-credential-issuer").exchange().expectStatus().isOk());
        assertThat(issuer).containsEntry("credential_issuer", BASE_URL)
            .containsEntry("credential_endpoint", BASE_URL + "/api/v1/wallet/credential")
            .containsEntry("nonce_endpoint", BASE_URL + "/api/v1/wallet/nonce");
        Map<String, Object> configurations = JSONObjectUtils.getJSONObject(issuer, "credential_configurations_supported");
        assertThat(JSONObjectUtils.getJSONObject(configurations, "OpenBadgeCredential_jwt_vc_json")).containsEntry("format", "jwt_vc_json");
        Map<String, Object> ldp = JSONObjectUtils.getJSONObject(configurations, "OpenBadgeCredential_ldp_vc");
        assertThat(ldp).containsEntry("format", "ldp_vc");
        assertThat(JSONObjectUtils.getJSONObject(ldp, "credential_definition").get("@context")).asList()
            .contains("https://www.w3.org/ns/credentials/v2");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> texts = (List<Map<String, Object>>) JSONObjectUtils.getJSONObject(ldp, "credential_metadata").get("display");
        assertThat(texts).extracting(t -> t.get("locale")).containsExactlyInAnyOrder("en", "fr", "de", "es");
        assertThat(texts).filteredOn(t -> "fr".equals(t.get("locale"))).extracting(t -> t.get("name")).containsExactly("Certificat professionnel");
        assertThat(JSONObjectUtils.getJSONObject(configurations, "ProfessionalCertificate_dc_sd_jwt")).containsEntry("format", "dc+sd-jwt")
            .containsEntry("vct", BASE_URL + "/credentials/types/professional-certificate");
        assertThat(json(http.get().uri("/.well-known/jwt-vc-issuer").exchange().expectStatus().isOk()))
            .containsEntry("issuer", BASE_URL).containsEntry("jwks_uri", BASE_URL + "/.well-known/jwks.json");

        Map<String, Object> server = json(http.get().uri("/.well-known/oauth-authorization-server").exchange().expectStatus().isOk());
        assertThat(server).containsEntry("issuer", BASE_URL).containsEntry("token_endpoint", BASE_URL + "/api/v1/wallet/token")
            .containsEntry("pre-authorized_grant_anonymous_access_supported", true);
        assertThat(server.get("grant_types_supported")).asList().containsExactly(PRE_AUTHORIZED);
    }

    @Test
    void thePageShowsAQrCodeHoldingTheOfferLinkAndTheOfferDocumentAsksForANumericTxCode() throws Exception {
        Offer offer = offer();
        Map<String, Object> document = json(http.get().uri(URI.create(offerUri(offer.link()))).exchange().expectStatus().isOk()
            .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore()));
        assertThat(document).containsEntry("credential_issuer", BASE_URL);
        assertThat(document.get("credential_configuration_ids")).asList()
            .containsExactly("OpenBadgeCredential_jwt_vc_json", "OpenBadgeCredential_ldp_vc", "ProfessionalCertificate_dc_sd_jwt");
        Map<String, Object> grant = JSONObjectUtils.getJSONObject(JSONObjectUtils.getJSONObject(document, "grants"), PRE_AUTHORIZED);
        Map<String, Object> txCode = JSONObjectUtils.getJSONObject(grant, "tx_code");
        assertThat(txCode).containsEntry("input_mode", "numeric").containsEntry("length", 6L);
        assertThat((String) txCode.get("description")).isNotBlank().hasSizeLessThanOrEqualTo(300);
        // nothing usable is stored: the handle, the code and the tx_code are only hashes in the table
        List<Map<String, Object>> rows = db.sql("SELECT * FROM wallet_offer WHERE certificate_number = :n").bind("n", offer.number())
            .fetch().all().collectList().block();
        assertThat(rows).hasSize(1);
        String stored = rows.get(0).toString();
        assertThat(stored).doesNotContain(offer.handle()).doesNotContain(offer.code()).doesNotContain(offer.txCode());
        // nor does the outbox keep the mailed code
        List<String> bodies = db.sql("SELECT text_body || html_body AS body FROM mail_message WHERE certificate_number = :n AND kind = 'WALLET_CODE'")
            .bind("n", offer.number()).map(row -> row.get("body", String.class)).all().collectList().block();
        assertThat(bodies).hasSize(1).allSatisfy(body -> assertThat(body).doesNotContain(offer.txCode()));
    }

    @Test
    void aPreAuthorizedCodeRedeemsOnce() throws Exception {
        Offer offer = offer();
        Map<String, Object> first = json(token(offer.code(), offer.txCode()).expectStatus().isOk()
            .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore()));
        assertThat(first).containsEntry("token_type", "Bearer").containsKey("access_token");
        assertThat(((Number) first.get("expires_in")).intValue()).isPositive();

        Map<String, Object> again = json(token(offer.code(), offer.txCode()).expectStatus().isBadRequest());
        assertThat(again).containsEntry("error", "invalid_grant").containsKey("error_description");
        assertThat(tokensOf(offer)).isEqualTo(1);
    }

    @Test
    void aWrongTxCodeIsRefusedAndTheOfferStaysRedeemableWithTheRightOne() throws Exception {
        Offer offer = offer();
        String wrong = offer.txCode().equals("000000") ? "000001" : "000000";
        assertThat(json(token(offer.code(), wrong).expectStatus().isBadRequest())).containsEntry("error", "invalid_grant");
        assertThat(tokensOf(offer)).isZero();
        assertThat(json(form(Map.of("grant_type", PRE_AUTHORIZED, "pre-authorized_code", offer.code())).expectStatus()
            .isBadRequest())).containsEntry("error", "invalid_request");
        assertThat(json(form(Map.of("grant_type", "authorization_code", "code", offer.code())).expectStatus().isBadRequest()))
            .containsEntry("error", "unsupported_grant_type");

        token(offer.code(), offer.txCode()).expectStatus().isOk();
    }

    @Test
    void anExpiredOfferIsRefused() throws Exception {
        Offer offer = offer();
        db.sql("UPDATE wallet_offer SET expires_at = now() - interval '1 second' WHERE certificate_number = :n")
            .bind("n", offer.number()).then().block();
        http.get().uri(URI.create(offerUri(offer.link()))).exchange().expectStatus().isNotFound();
        assertThat(json(token(offer.code(), offer.txCode()).expectStatus().isBadRequest())).containsEntry("error", "invalid_grant");
        assertThat(tokensOf(offer)).isZero();
        assertThat(new HolderVisitor(http).get("/h/" + holderToken(offer) + "/wallet?offer=" + offer.handle()).getResponseBody())
            .contains("This offer has been taken, has expired");
    }

    @Test
    void theCredentialEndpointRefusesWhatTheSpecificationNamesAndSpendsNoNonceOnARefusedProof() throws Exception {
        Offer offer = offer();
        String accessToken = (String) json(token(offer.code(), offer.txCode()).expectStatus().isOk()).get("access_token");
        ECKey wallet = new ECKeyGenerator(Curve.P_256).generate();
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();

        // no token, a made-up token
        credential(null, Map.of()).expectStatus().isUnauthorized().expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*");
        EntityExchangeResult<String> madeUp = credential("x".repeat(43), request("OpenBadgeCredential_jwt_vc_json", "e30.e30.e30"))
            .expectStatus().isUnauthorized().expectBody(String.class).returnResult();
        assertThat(madeUp.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer error=\"invalid_token\"");
        assertThat(JSONObjectUtils.parse(madeUp.getResponseBody())).containsEntry("error", "invalid_token");

        Map<String, Object> nonce = json(http.post().uri("/api/v1/wallet/nonce").exchange().expectStatus().isOk()
            .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore()));
        String cNonce = (String) nonce.get("c_nonce");

        // a proof signed by another key than the one in its jwk header
        assertThat(error(credential(accessToken, request("OpenBadgeCredential_jwt_vc_json", proof(wallet, other, BASE_URL, cNonce)))))
            .isEqualTo("invalid_proof");
        // a proof for another audience
        assertThat(error(credential(accessToken, request("OpenBadgeCredential_jwt_vc_json", proof(wallet, wallet, "https://elsewhere.example", cNonce)))))
            .isEqualTo("invalid_proof");
        // a proof of another type
        assertThat(error(credential(accessToken, request("OpenBadgeCredential_jwt_vc_json", proof(wallet, wallet, BASE_URL, cNonce,
                JOSEObjectType.JWT, Instant.now()))))).isEqualTo("invalid_proof");
        // an old proof
        assertThat(error(credential(accessToken, request("OpenBadgeCredential_jwt_vc_json", proof(wallet, wallet, BASE_URL, cNonce,
                new JOSEObjectType(KeyProofs.TYPE), Instant.now().minusSeconds(3600)))))).isEqualTo("invalid_proof");
        // no proofs at all
        assertThat(error(credential(accessToken, Map.of("credential_configuration_id", "OpenBadgeCredential_jwt_vc_json"))))
            .isEqualTo("invalid_proof");
        // a configuration we do not have
        assertThat(error(credential(accessToken, request("OpenBadgeCredential_mso_mdoc", proof(wallet, wallet, BASE_URL, cNonce)))))
            .isEqualTo("unknown_credential_configuration");
        // a nonce we never issued
        assertThat(error(credential(accessToken, request("OpenBadgeCredential_jwt_vc_json", proof(wallet, wallet, BASE_URL,
                "n".repeat(43)))))).isEqualTo("invalid_nonce");

        // none of that spent the nonce: the right proof with it gets the credential, once
        String good = proof(wallet, wallet, BASE_URL, cNonce);
        String body = credential(accessToken, request("OpenBadgeCredential_jwt_vc_json", good)).expectStatus().isOk()
            .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
            .expectBody(String.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        String issued = (String) ((List<Map<String, Object>>) JSONObjectUtils.parse(body).get("credentials")).get(0).get("credential");
        assertThat(SignedJWT.parse(issued).getJWTClaimsSet().getSubject()).isEqualTo(KeyProofs.didJwk(wallet));

        // the same nonce again, even in a new proof: refused
        assertThat(error(credential(accessToken, request("OpenBadgeCredential_jwt_vc_json", good)))).isEqualTo("invalid_nonce");
        assertThat(error(credential(accessToken, request("OpenBadgeCredential_ldp_vc", proof(wallet, wallet, BASE_URL, cNonce)))))
            .isEqualTo("invalid_nonce");
    }

    @Test
    void racingRedemptionsOfOneCodeGetOneTokenAndRacingProofsWithOneNonceTakeItOnce() throws Exception {
        Offer offer = offer();
        List<Object> answers = reactor.core.publisher.Flux.range(0, 8)
            .flatMap(i -> offers.redeem(offer.code(), offer.txCode()).<Object>map(token -> token)
                .onErrorResume(WalletError.class, refused -> reactor.core.publisher.Mono.just(refused.error())), 8)
            .collectList().block();
        assertThat(answers).filteredOn(CredentialOffers.AccessToken.class::isInstance).hasSize(1);
        assertThat(answers).filteredOn("invalid_grant"::equals).hasSize(7);
        assertThat(tokensOf(offer)).isEqualTo(1);

        String nonce = nonces.issue().block();
        List<Boolean> taken = reactor.core.publisher.Flux.range(0, 8).flatMap(i -> nonces.take(nonce), 8).collectList().block();
        assertThat(taken).containsOnlyOnce(true).hasSize(8);
    }

    @Test
    void aSignedInHolderAsksForAnOfferFromTheHolderAreaAndOnlyForTheirOwnCertificate() throws Exception {
        String address = "wallet.area." + TestCertificates.uniqueSurname().toLowerCase(Locale.ROOT) + "@example.org";
        TestCertificates.Issued mine = TestCertificates.issuing(http).email(address).issue();
        TestCertificates.Issued theirs = TestCertificates.issuing(http).issue();
        HolderVisitor holder = HolderVisitor.signedIn(http, MAILBOX, BASE_URL, address);
        String area = "/holder/certificates/" + mine.number();
        assertThat(holder.get(area).getResponseBody()).contains(area + "/wallet");

        EntityExchangeResult<String> made = holder.post(area + "/wallet", area + "/wallet", Map.of());
        assertThat(made.getStatus().value()).isEqualTo(303);
        String shown = made.getResponseHeaders().getLocation().toString();
        assertThat(shown).startsWith(area + "/wallet?offer=");
        String html = holder.get(shown).getResponseBody();
        assertThat(html).contains("openid-credential-offer://?credential_offer_uri=").contains("href=\"" + area + "\"");
        MAILBOX.await(address, CODE_SUBJECT::equals);

        // another holder's certificate, or nobody signed in: to the sign-in page, no offer made
        String other = "/holder/certificates/" + theirs.number() + "/wallet";
        assertThat(holder.get(other).getStatus().value()).isEqualTo(303);
        assertThat(holder.post(other, area + "/wallet", Map.of()).getResponseHeaders().getLocation()).hasToString("/holder/sign-in");
        assertThat(new HolderVisitor(http).get(area + "/wallet").getResponseHeaders().getLocation()).hasToString("/holder/sign-in");
        assertThat(db.sql("SELECT count(*) FROM wallet_offer WHERE certificate_number = :n").bind("n", theirs.number())
            .map(row -> row.get(0, Long.class)).one().block()).isZero();
    }

    @Autowired
    WalletSweeper sweeper;

    @Test
    void theSweeperDeletesWhatExpiredADayAgoAndKeepsTheRest() {
        String old = nonces.issue().block();
        String fresh = nonces.issue().block();
        db.sql("UPDATE wallet_nonce SET expires_at = now() - interval '25 hours' WHERE nonce_hash = :h")
            .bind("h", WalletSecrets.sha256(old)).then().block();

        sweeper.sweep().block();

        assertThat(db.sql("SELECT count(*) FROM wallet_nonce WHERE nonce_hash = :h").bind("h", WalletSecrets.sha256(old))
            .map(row -> row.get(0, Long.class)).one().block()).isZero();
        assertThat(nonces.take(fresh).block()).isTrue();
    }

    // ---- the holder's side: the page, its form, the e-mail

    /** Issues a certificate, asks for an offer on its private page, reads the page's link and QR code and the e-mailed code. */
    Offer offer() throws Exception {
        String address = "wallet." + TestCertificates.uniqueSurname().toLowerCase(Locale.ROOT) + "@example.org";
        TestCertificates.Issued issued = TestCertificates.issuing(http).email(address).issue();
        String token = issued.holderUrl().substring(issued.holderUrl().lastIndexOf('/') + 1);
        HolderVisitor visitor = new HolderVisitor(http);
        assertThat(visitor.get("/h/" + token).getResponseBody()).contains("/h/" + token + "/wallet");
        String page = "/h/" + token + "/wallet";
        EntityExchangeResult<String> made = visitor.post(page, page, Map.of());
        assertThat(made.getStatus().value()).isEqualTo(303);
        String shown = made.getResponseHeaders().getLocation().toString();
        assertThat(shown).startsWith(page + "?offer=");
        String html = visitor.get(shown).getResponseBody();

        Matcher link = Pattern.compile("href=\"(openid-credential-offer://\\?credential_offer_uri=[^\"]+)\"").matcher(html);
        assertThat(link.find()).as(html).isTrue();
        String offerLink = link.group(1);
        Matcher qr = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
        assertThat(qr.find()).isTrue();
        var image = ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(qr.group(1))));
        assertThat(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText())
            .isEqualTo(offerLink);

        Mailbox.Mail mail = MAILBOX.await(address, CODE_SUBJECT::equals);
        Matcher digits = Pattern.compile("(?m)^(\\d{6})$").matcher(mail.text());
        assertThat(digits.find()).as(mail.text()).isTrue();
        assertThat(mail.text()).contains(issued.number());

        String uri = offerUri(offerLink);
        String handle = uri.substring(uri.lastIndexOf('/') + 1);
        Map<String, Object> document = json(http.get().uri(URI.create(uri)).exchange().expectStatus().isOk());
        String code = (String) JSONObjectUtils.getJSONObject(JSONObjectUtils.getJSONObject(document, "grants"), PRE_AUTHORIZED)
            .get("pre-authorized_code");
        HOLDER_TOKENS.put(issued.number(), token);
        return new Offer(issued.number(), offerLink, handle, code, digits.group(1));
    }

    static final Map<String, String> HOLDER_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    String holderToken(Offer offer) {
        return HOLDER_TOKENS.get(offer.number());
    }

    static String offerUri(String link) {
        return URLDecoder.decode(link.substring(link.indexOf('=') + 1), StandardCharsets.UTF_8);
    }

    long tokensOf(Offer offer) {
        return db.sql("SELECT count(*) FROM wallet_access_token WHERE certificate_number = :n").bind("n", offer.number())
            .map(row -> row.get(0, Long.class)).one().block();
    }

    // ---- the wallet's side, by hand

    WebTestClient.ResponseSpec token(String code, String txCode) {
        return form(Map.of("grant_type", PRE_AUTHORIZED, "pre-authorized_code", code, "tx_code", txCode));
    }

    WebTestClient.ResponseSpec form(Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return http.post().uri("/api/v1/wallet/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData(form)).exchange();
    }

    WebTestClient.ResponseSpec credential(String accessToken, Map<String, Object> body) {
        return http.post().uri("/api/v1/wallet/credential")
            .headers(h -> {
                if (accessToken != null) {
                    h.setBearerAuth(accessToken);
                }
            })
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static Map<String, Object> request(String configuration, String proof) {
        return Map.of("credential_configuration_id", configuration, "proofs", Map.of("jwt", List.of(proof)));
    }

    static String proof(ECKey named, ECKey signing, String audience, String nonce) throws Exception {
        return proof(named, signing, audience, nonce, new JOSEObjectType(KeyProofs.TYPE), Instant.now());
    }

    /** A key proof naming {@code named} in its jwk header, signed by {@code signing}. */
    static String proof(ECKey named, ECKey signing, String audience, String nonce, JOSEObjectType type, Instant iat)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(type).jwk(named.toPublicJWK()).build(),
                new JWTClaimsSet.Builder().audience(audience).issueTime(Date.from(iat)).claim("nonce", nonce).build());
        jwt.sign(new ECDSASigner(signing));
        return jwt.serialize();
    }

    static String error(WebTestClient.ResponseSpec answer) throws Exception {
        String body = answer.expectStatus().isBadRequest().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody(String.class).returnResult().getResponseBody();
        Map<String, Object> error = JSONObjectUtils.parse(body);
        assertThat(error).containsKey("error_description");
        return (String) error.get("error");
    }

    static Map<String, Object> json(WebTestClient.ResponseSpec answer) throws Exception {
        return JSONObjectUtils.parse(answer.expectBody(String.class).returnResult().getResponseBody());
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        try {
            File log = File.createTempFile("wallet", ".log");
            log.deleteOnExit();
            Process process = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            return new Result(-1, ex.getMessage());
        }
    }
}
