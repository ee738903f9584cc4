package org.certregistry.web.wallet;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.web.system.RegistryProperties;
import org.certregistry.web.system.RegistryUrls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key proof checks one by one, without a server: each refusal is {@code invalid_proof} and says what is wrong. */
class KeyProofsTest {

    static final String ISSUER = "https://registry.example";
    static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");
    static final WalletProperties PROPERTIES = new WalletProperties(Duration.ofMinutes(10), Duration.ofMinutes(5),
            Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(60), 6, 5);

    final KeyProofs proofs = new KeyProofs(new RegistryUrls(new RegistryProperties(ISSUER, Duration.ofDays(60), 4, 1000,
            Duration.ofMillis(500))), PROPERTIES, Clock.fixed(NOW, ZoneOffset.UTC));

    final ECKey wallet = generate(Curve.P_256);

    @Test
    void checkWhenTheProofIsRightThenAnswersTheKeyItsDidJwkAndTheNonce() throws Exception {
        KeyProofs.KeyProof proof = proofs.check(sign(header().jwk(wallet.toPublicJWK()).build(), claims().build(), wallet));

        assertThat(proof.nonce()).isEqualTo("the-nonce");
        assertThat(proof.key().computeThumbprint()).isEqualTo(wallet.computeThumbprint());
        assertThat(proof.did()).startsWith("did:jwk:");
        JWK inDid = JWK.parse(new String(Base64.getUrlDecoder().decode(proof.did().substring(8)), StandardCharsets.UTF_8));
        assertThat(inDid.isPrivate()).isFalse();
        assertThat(inDid.computeThumbprint()).isEqualTo(wallet.computeThumbprint());
    }

    @Test
    void checkWhenTheKeyIsADidJwkKidThenTheCredentialIsBoundToThatDid() {
        String did = KeyProofs.didJwk(wallet);

        KeyProofs.KeyProof proof = proofs.check(sign(header().keyID(did + "#0").build(), claims().build(), wallet));

        assertThat(proof.did()).isEqualTo(did);
    }

    @Test
    void checkWhenAnythingIsWrongThenRefusesWithInvalidProofNamingIt() {
        ECKey other = generate(Curve.P_256);
        refused(sign(header().jwk(wallet.toPublicJWK()).build(), claims().build(), other), "does not verify");
        refused(sign(header().type(JOSEObjectType.JWT).jwk(wallet.toPublicJWK()).build(), claims().build(), wallet), "typ");
        // a private key in the header (nimbus will not build such a header: written by hand)
        refused(signRaw("{\"alg\":\"ES256\",\"typ\":\"" + KeyProofs.TYPE + "\",\"jwk\":" + wallet.toJSONString() + "}",
                claims().build(), wallet), "");
        refused(sign(header().jwk(wallet.toPublicJWK()).keyID(KeyProofs.didJwk(wallet)).build(), claims().build(), wallet),
                "both jwk and kid");
        refused(sign(header().keyID("https://wallet.example/keys/1").build(), claims().build(), wallet), "jwk");
        refused(sign(header().jwk(wallet.toPublicJWK()).build(), claims().audience("https://elsewhere.example").build(), wallet),
                "aud");
        refused(sign(header().jwk(wallet.toPublicJWK()).build(), claims().issueTime(null).build(), wallet), "no iat");
        refused(sign(header().jwk(wallet.toPublicJWK()).build(), claims().issueTime(Date.from(NOW.plusSeconds(120))).build(),
                wallet), "future");
        refused(sign(header().jwk(wallet.toPublicJWK()).build(), claims().issueTime(Date.from(NOW.minusSeconds(301))).build(),
                wallet), "older");
        refused(sign(header().jwk(wallet.toPublicJWK()).build(), claims().claim("nonce", null).build(), wallet), "no nonce");
        refused("not.a.jwt", "not a signed JWT");
    }

    @Test
    void checkWhenTheAlgorithmIsNotOneWeListThenRefuses() {
        ECKey p384 = generate(Curve.P_384);
        // ES256 named over a P-384 key: the curve and the algorithm disagree
        refused(sign(new JWSHeader.Builder(JWSAlgorithm.ES384).type(new JOSEObjectType(KeyProofs.TYPE)).jwk(wallet.toPublicJWK())
                .build(), claims().build(), p384), "");
        assertThat(proofs.check(sign(new JWSHeader.Builder(JWSAlgorithm.ES384).type(new JOSEObjectType(KeyProofs.TYPE))
                .jwk(p384.toPublicJWK()).build(), claims().build(), p384)).key().getCurve()).isEqualTo(Curve.P_384);
    }

    void refused(String proof, String saying) {
        assertThatThrownBy(() -> proofs.check(proof)).isInstanceOfSatisfying(WalletError.class, error -> {
            assertThat(error.error()).isEqualTo(WalletError.INVALID_PROOF);
            assertThat(error.description()).contains(saying);
        });
    }

    static String signRaw(String headerJson, JWTClaimsSet claims, ECKey key) {
        try {
            String input = com.nimbusds.jose.util.Base64URL.encode(headerJson) + "."
                    + com.nimbusds.jose.util.Base64URL.encode(claims.toString());
            return input + "." + new ECDSASigner(key).sign(new JWSHeader(JWSAlgorithm.ES256), input.getBytes(StandardCharsets.US_ASCII));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static JWSHeader.Builder header() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(KeyProofs.TYPE));
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().audience(ISSUER).issueTime(Date.from(NOW.minusSeconds(5))).claim("nonce", "the-nonce");
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, ECKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static ECKey generate(Curve curve) {
        try {
            return new ECKeyGenerator(curve).generate();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
