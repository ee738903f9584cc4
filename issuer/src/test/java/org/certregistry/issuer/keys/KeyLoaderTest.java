package org.certregistry.issuer.keys;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.certregistry.keys.dev.DevelopmentKeys;
import org.certregistry.keys.dev.GenerateKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every key source the registry accepts, and the ones it refuses. */
class KeyLoaderTest {

    @Test
    void aPkcs8PemGivesAnES256KeyWhosePublicHalfMatchesItsCertificate() {
        SigningKey key = KeyLoader.fromPem("dev", DevelopmentKeys.privateKeyPem());
        assertThat(key.algorithm()).isEqualTo(JWSAlgorithm.ES256);
        JWK fromCertificate = KeyLoader.publicFromPem("dev", DevelopmentKeys.certificatePem());
        assertThat(key.publicJwk().toPublicJWK().toJSONObject()).containsAllEntriesOf(fromCertificate.toJSONObject());
    }

    @Test
    void aTraditionalEcPemIsReadToo() throws Exception {
        GenerateKey.Generated generated = GenerateKey.generate("trad", "ES256", "CN=test", Duration.ofDays(1));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(generated.keyPair()); // "-----BEGIN EC PRIVATE KEY-----"
        }
        assertThat(pem.toString()).contains("BEGIN EC PRIVATE KEY");
        SigningKey key = KeyLoader.fromPem("trad", pem.toString());
        assertThat(((ECKey) key.publicJwk()).toECPublicKey().getW()).isEqualTo(
                ((java.security.interfaces.ECPublicKey) generated.keyPair().getPublic()).getW());
    }

    @Test
    void anRsaPemGivesAnRS256Key() {
        GenerateKey.Generated generated = GenerateKey.generate("rsa-1", "RS256", "CN=test", Duration.ofDays(1));
        SigningKey key = KeyLoader.fromPem("rsa-1", generated.privateKeyPem());
        assertThat(key.algorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(((RSAKey) key.publicJwk()).size()).isEqualTo(3072);
    }

    @Test
    void aPkcs12KeyStoreIsRead() throws Exception {
        GenerateKey.Generated generated = GenerateKey.generate("p12", "ES256", "CN=test", Duration.ofDays(1));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "secret".toCharArray();
        store.setKeyEntry("signing", generated.keyPair().getPrivate(), password, new Certificate[] {generated.certificate()});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        SigningKey key = KeyLoader.fromPkcs12("p12", new ByteArrayInputStream(out.toByteArray()), password, "signing");
        assertThat(key.keyId()).isEqualTo("p12");
        assertThat(key.algorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThatThrownBy(() -> KeyLoader.fromPkcs12("p12", new ByteArrayInputStream(out.toByteArray()), "wrong".toCharArray(),
                null)).isInstanceOf(KeyLoadingException.class).hasMessageContaining("p12");
    }

    @Test
    void aJwkSetYieldsEveryKeyWithItsKid() throws Exception {
        ECKey a = new ECKeyGenerator(Curve.P_256).keyID("a").generate();
        ECKey b = new ECKeyGenerator(Curve.P_256).keyID("b").generate();
        List<JWK> keys = KeyLoader.fromJwkJson(new JWKSet(List.of(a, b)).toString(false));
        assertThat(keys).extracting(JWK::getKeyID).containsExactly("a", "b");
        assertThat(new SigningKey(keys.get(1)).keyId()).isEqualTo("b");
        assertThat(KeyLoader.fromJwkJson(a.toJSONString())).hasSize(1);
    }

    @Test
    void brokenEncryptedOrUnsupportedKeysAreRefusedWithTheKidInTheMessage() throws Exception {
        assertThatThrownBy(() -> KeyLoader.fromPem("k1", "not a pem")).isInstanceOf(KeyLoadingException.class)
            .hasMessageContaining("k1");
        assertThatThrownBy(() -> KeyLoader.fromPem("k2", DevelopmentKeys.certificatePem()))
            .isInstanceOf(KeyLoadingException.class).hasMessageContaining("k2");
        assertThatThrownBy(() -> KeyLoader.fromJwkJson("{\"keys\": 5}")).isInstanceOf(KeyLoadingException.class);
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("p384").generate();
        assertThatThrownBy(() -> new SigningKey(p384)).hasMessageContaining("P-256");
        assertThatThrownBy(() -> new SigningKey(p384.toPublicJWK())).hasMessageContaining("no private part");
    }

    @Test
    void theKeyRingPublishesActiveAndRetiredPublicKeysOnly() throws Exception {
        SigningKey active = KeyLoader.fromPem("new", DevelopmentKeys.privateKeyPem());
        ECKey retired = new ECKeyGenerator(Curve.P_256).keyID("old").generate();
        KeyRing ring = new KeyRing(active, List.of(retired));
        JWKSet published = ring.publicKeys();
        assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly("new", "old");
        assertThat(published.getKeys()).noneMatch(JWK::isPrivate);
        assertThat(published.toString(false)).doesNotContain("\"d\"");
        assertThat(ring.publicKey("old")).hasValueSatisfying(k -> assertThat(k.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256));
        assertThatThrownBy(() -> new KeyRing(active, List.of(retired, retired))).hasMessageContaining("share the kid old");
    }
}
