package org.certregistry.web.signing;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.keys.dev.DevelopmentKeys;
import org.certregistry.keys.dev.GenerateKey;
import org.certregistry.web.system.RegistryProperties;
import org.certregistry.web.system.RegistryUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry's keys from every source an operator can use, given as environment variables
 * (Spring's relaxed binding of {@code REGISTRY_KEYS_*}): PEM text, PEM file, PKCS#12, JWK set.
 */
class IssuerKeysTest {

    static final RegistryUrls URLS = new RegistryUrls(new RegistryProperties("https://registry.example", Duration.ofDays(60), 4,
            1000, Duration.ofMillis(500)));

    @TempDir
    Path dir;

    static KeyProperties fromEnvironment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        ConfigurationPropertySources.attach(environment);
        return Binder.get(environment).bind("registry.keys", KeyProperties.class).get();
    }

    static IssuerKeys keys(Map<String, Object> variables) {
        return new IssuerKeys(fromEnvironment(variables), new MockEnvironment(), URLS);
    }

    static String alg(IssuerKeys keys) throws Exception {
        return SignedJWT.parse(keys.signer().sign(new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("x").build()))
            .getHeader().getAlgorithm().getName();
    }

    @Test
    void nothingConfiguredMeansTheDevelopmentKey() {
        IssuerKeys keys = new IssuerKeys(new KeyProperties(null, null, null), new MockEnvironment(), URLS);
        assertThat(keys.signer().keyName()).isEqualTo(DevelopmentKeys.KEY_ID);
    }

    @Test
    void aPemTextAndARetiredCertificateFileFromTheEnvironment() throws Exception {
        GenerateKey.Generated active = GenerateKey.generate("2027-01", "ES256", "CN=a", Duration.ofDays(1));
        GenerateKey.Generated old = GenerateKey.generate("2026-01", "RS256", "CN=b", Duration.ofDays(1));
        Path crt = Files.writeString(dir.resolve("old.crt.pem"), old.certificatePem());
        IssuerKeys keys = keys(Map.of("REGISTRY_KEYS_ACTIVE_KID", "2027-01", "REGISTRY_KEYS_ACTIVE_PEM", active.privateKeyPem(),
                "REGISTRY_KEYS_RETIRED_0_KID", "2026-01", "REGISTRY_KEYS_RETIRED_0_PEM_FILE", crt.toString()));
        assertThat(alg(keys)).isEqualTo("ES256");
        JWKSet published = keys.ring().publicKeys();
        assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly("2027-01", "2026-01");
        assertThat(published.getKeyByKeyId("2026-01").getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    }

    @Test
    void anRsaPemFileMakesTheRegistrySignRS256() throws Exception {
        Path pem = Files.writeString(dir.resolve("rsa.key.pem"),
                GenerateKey.generate("rsa-1", "RS256", "CN=r", Duration.ofDays(1)).privateKeyPem());
        IssuerKeys keys = keys(Map.of("REGISTRY_KEYS_ACTIVE_KID", "rsa-1", "REGISTRY_KEYS_ACTIVE_PEM_FILE", pem.toString()));
        assertThat(alg(keys)).isEqualTo("RS256");
    }

    @Test
    void aPkcs12FileWithPasswordAndAlias() throws Exception {
        GenerateKey.Generated generated = GenerateKey.generate("p12", "ES256", "CN=p", Duration.ofDays(1));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("signing", generated.keyPair().getPrivate(), "pw".toCharArray(),
                new Certificate[] {generated.certificate()});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, "pw".toCharArray());
        Path file = Files.write(dir.resolve("keys.p12"), out.toByteArray());
        IssuerKeys keys = keys(Map.of("REGISTRY_KEYS_ACTIVE_KID", "p12", "REGISTRY_KEYS_ACTIVE_PKCS12_FILE", file.toString(),
                "REGISTRY_KEYS_ACTIVE_PKCS12_PASSWORD", "pw", "REGISTRY_KEYS_ACTIVE_PKCS12_ALIAS", "signing"));
        assertThat(keys.signer().keyName()).isEqualTo("p12");
        assertThat(alg(keys)).isEqualTo("ES256");
    }

    @Test
    void aJwkSetFileChoosesTheKeyByKid() throws Exception {
        ECKey a = new ECKeyGenerator(Curve.P_256).keyID("a").generate();
        ECKey b = new ECKeyGenerator(Curve.P_256).keyID("b").generate();
        Path file = Files.writeString(dir.resolve("keys.jwks"), new JWKSet(List.of(a, b)).toString(false));
        IssuerKeys keys = keys(Map.of("REGISTRY_KEYS_ACTIVE_KID", "b", "REGISTRY_KEYS_ACTIVE_JWK_FILE", file.toString(),
                "REGISTRY_KEYS_RETIRED_0_KID", "a", "REGISTRY_KEYS_RETIRED_0_JWK_FILE", file.toString()));
        assertThat(keys.signer().keyName()).isEqualTo("b");
        assertThat(keys.ring().publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly("b", "a");
        assertThat(keys.ring().publicKeys().toString(false)).doesNotContain("\"d\"");
    }

    @Test
    void aKeyWithoutASourceOrAKidIsRefusedClearly() {
        assertThatThrownBy(() -> keys(Map.of("REGISTRY_KEYS_ACTIVE_KID", "lonely")))
            .hasMessageContaining("lonely").hasMessageContaining("names no source");
        assertThatThrownBy(() -> keys(Map.of("REGISTRY_KEYS_ACTIVE_PEM", DevelopmentKeys.privateKeyPem())))
            .hasMessageContaining("needs a kid");
    }

    @Test
    void tokensCarryTheKeyUrlAsKidAndTheJwksListsTheSameString() throws Exception {
        IssuerKeys keys = new IssuerKeys(new KeyProperties(null, null, null), new MockEnvironment(), URLS);
        String kid = SignedJWT.parse(keys.signer().sign(new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("x").build()))
            .getHeader().getKeyID();
        assertThat(kid).isEqualTo("https://registry.example/keys/" + DevelopmentKeys.KEY_ID);
        assertThat(keys.publishedKeys().getKeys()).extracting(JWK::getKeyID).containsExactly(kid);
    }

    @Test
    void anEd25519KeyFromTheEnvironmentSignsTheTwin() {
        GenerateKey.Generated ed = GenerateKey.generate("twin-2027", "Ed25519", "CN=t", Duration.ofDays(1));
        IssuerKeys keys = keys(Map.of("REGISTRY_KEYS_ED25519_KID", "twin-2027", "REGISTRY_KEYS_ED25519_PEM", ed.privateKeyPem()));
        assertThat(keys.ed25519().name()).isEqualTo("twin-2027");
        assertThat(keys.twinSigner().key()).isEqualTo(keys.ed25519());
        assertThat(new IssuerKeys(new KeyProperties(null, null, null), new MockEnvironment(), URLS).ed25519().name())
            .as("nothing configured: the development key").isEqualTo(DevelopmentKeys.ED25519_KEY_ID);
    }

    @Test
    void theProductionProfileRefusesTheDevelopmentEd25519KeyUnderAnyName() {
        GenerateKey.Generated active = GenerateKey.generate("prod-1", "ES256", "CN=p", Duration.ofDays(1));
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> new IssuerKeys(fromEnvironment(Map.of("REGISTRY_KEYS_ACTIVE_KID", "prod-1",
                "REGISTRY_KEYS_ACTIVE_PEM", active.privateKeyPem())), prod, URLS))
            .hasMessageContaining("DEVELOPMENT Ed25519 key");
        assertThatThrownBy(() -> new IssuerKeys(fromEnvironment(Map.of("REGISTRY_KEYS_ACTIVE_KID", "prod-1",
                "REGISTRY_KEYS_ACTIVE_PEM", active.privateKeyPem(), "REGISTRY_KEYS_ED25519_KID", "renamed",
                "REGISTRY_KEYS_ED25519_PEM", DevelopmentKeys.ed25519PrivateKeyPem())), prod, URLS))
            .hasMessageContaining("DEVELOPMENT Ed25519 key");
        GenerateKey.Generated ed = GenerateKey.generate("prod-ed-1", "Ed25519", "CN=e", Duration.ofDays(1));
        IssuerKeys real = new IssuerKeys(fromEnvironment(Map.of("REGISTRY_KEYS_ACTIVE_KID", "prod-1",
                "REGISTRY_KEYS_ACTIVE_PEM", active.privateKeyPem(), "REGISTRY_KEYS_ED25519_KID", "prod-ed-1",
                "REGISTRY_KEYS_ED25519_PEM", ed.privateKeyPem())), prod, URLS);
        assertThat(real.ed25519().name()).isEqualTo("prod-ed-1");
    }
}
