package org.certregistry.web.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.certregistry.issuer.credential.Achievement;
import org.certregistry.issuer.credential.CredentialContent;
import org.certregistry.issuer.credential.CredentialSigner;
import org.certregistry.issuer.credential.DataIntegritySigner;
import org.certregistry.issuer.credential.IssuerProfile;
import org.certregistry.issuer.credential.StatusEntry;
import org.certregistry.issuer.keys.Ed25519Key;
import org.certregistry.issuer.keys.KeyLoader;
import org.certregistry.issuer.keys.KeyLoadingException;
import org.certregistry.issuer.keys.KeyRing;
import org.certregistry.issuer.keys.SigningKey;
import org.certregistry.keys.dev.DevelopmentKeys;
import org.certregistry.web.system.RegistryUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The registry's key ring and the signer of its active key, loaded once at start; and the
 * Ed25519 key that signs the Data Integrity twin. Tokens carry {@code kid} = the key's URL
 * ({@code <base>/keys/<name>}), which the JWKS lists and {@code /keys/<name>} answers.
 */
@Component
public class IssuerKeys {

    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

    private final KeyRing ring;
    private final CredentialSigner signer;
    private final Ed25519Key ed25519;
    private final DataIntegritySigner twinSigner;
    private final String publicBaseUrl;

    IssuerKeys(KeyProperties properties, Environment environment, RegistryUrls urls) {
        SigningKey active = properties.active() == null ? developmentKey() : loadPrivate(properties.active());
        List<JWK> retired = new ArrayList<>();
        for (KeyProperties.KeySpec spec : properties.retired()) {
            retired.add(loadPublic(spec));
        }
        boolean development = isDevelopmentKey(active.privateJwk());
        boolean developmentRetired = retired.stream().anyMatch(IssuerKeys::isDevelopmentKey);
        if ((development || developmentRetired) && environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("The prod profile refuses the public DEVELOPMENT key " + DevelopmentKeys.KEY_ID
                    + (development ? " as its signing key" : " among its retired keys (anyone could forge credentials it verifies)")
                    + ": configure registry.keys.active with a real key (see docs/operations.md)");
        }
        if (development) {
            log.warn("Signing with the DEVELOPMENT key {}: credentials signed with it prove nothing", DevelopmentKeys.KEY_ID);
        }
        this.ring = new KeyRing(active, retired);
        this.publicBaseUrl = urls.base();
        this.signer = CredentialSigner.forRegistry(active, publicBaseUrl);
        this.ed25519 = properties.ed25519() == null ? developmentEd25519() : loadEd25519(properties.ed25519());
        boolean developmentEd25519 = Arrays.equals(ed25519.publicKey(), developmentEd25519().publicKey());
        if (developmentEd25519 && environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("The prod profile refuses the public DEVELOPMENT Ed25519 key "
                    + DevelopmentKeys.ED25519_KEY_ID + " (anyone could forge Data Integrity credentials): configure "
                    + "registry.keys.ed25519 with a real key (see docs/operations.md)");
        }
        if (developmentEd25519) {
            log.warn("Signing Data Integrity credentials with the DEVELOPMENT key {}: they prove nothing", ed25519.name());
        }
        this.twinSigner = new DataIntegritySigner(ed25519);
        warmUp();
    }

    /**
     * Signs one throwaway twin at start: the JSON-LD machinery loads once here (seconds on a busy
     * machine) rather than in the first issuance's request, and a key that cannot sign stops the start.
     */
    private void warmUp() {
        Instant now = java.time.Instant.now();
        String base = publicBaseUrl;
        twinSigner.sign(new CredentialContent(base + "/credentials/warm-up",
                new IssuerProfile(base + "/issuers/warm-up", "Warm-up"),
                new Achievement(base + "/achievements/warm-up", "Warm-up", "Warm-up", "None"),
                base + "/holders/warm-up", "Warm-up", "warm-up@example.org", "00", "WARM-000-000-000", now, now,
                now.plusSeconds(60), new StatusEntry(base + "/status/0", 0)), now);
    }

    public KeyRing ring() {
        return ring;
    }

    /** The JWKS as published: every key under its URL {@code kid}, the string tokens carry. */
    public JWKSet publishedKeys() {
        return ring.publicKeys(publicBaseUrl);
    }

    /** The Ed25519 key of the Data Integrity twin. */
    public Ed25519Key ed25519() {
        return ed25519;
    }

    /** Signs the Data Integrity twin and its status lists. */
    public DataIntegritySigner twinSigner() {
        return twinSigner;
    }

    public CredentialSigner signer() {
        return signer;
    }

    /** The development key under any kid: same public key (RFC 7638 thumbprint), or the development kid. */
    private static boolean isDevelopmentKey(JWK key) {
        try {
            return DevelopmentKeys.KEY_ID.equals(key.getKeyID())
                    || key.computeThumbprint().equals(developmentKey().publicJwk().computeThumbprint());
        }
        catch (com.nimbusds.jose.JOSEException ex) {
            throw new KeyLoadingException("Cannot compute the thumbprint of key " + key.getKeyID(), ex);
        }
    }

    private static Ed25519Key developmentEd25519() {
        return Ed25519Key.fromPem(DevelopmentKeys.ED25519_KEY_ID, DevelopmentKeys.ed25519PrivateKeyPem());
    }

    private static Ed25519Key loadEd25519(KeyProperties.KeySpec spec) {
        requireKid(spec);
        if (spec.pem() == null && spec.pemFile() == null) {
            throw new KeyLoadingException("The Ed25519 key " + spec.kid() + " is read from pem or pem-file (PKCS#8) only");
        }
        return Ed25519Key.fromPem(spec.kid(), spec.pem() != null ? spec.pem() : read(spec.pemFile()));
    }

    private static SigningKey developmentKey() {
        return KeyLoader.fromPem(DevelopmentKeys.KEY_ID, DevelopmentKeys.privateKeyPem());
    }

    private static SigningKey loadPrivate(KeyProperties.KeySpec spec) {
        requireKid(spec);
        if (spec.pem() != null || spec.pemFile() != null) {
            return KeyLoader.fromPem(spec.kid(), spec.pem() != null ? spec.pem() : read(spec.pemFile()));
        }
        if (spec.pkcs12File() != null) {
            char[] password = spec.pkcs12Password() == null ? new char[0] : spec.pkcs12Password().toCharArray();
            try (InputStream in = Files.newInputStream(Path.of(spec.pkcs12File()))) {
                return KeyLoader.fromPkcs12(spec.kid(), in, password, spec.pkcs12Alias());
            }
            catch (IOException ex) {
                throw new KeyLoadingException("Cannot open " + spec.pkcs12File() + ": " + ex.getMessage(), ex);
            }
            finally {
                Arrays.fill(password, '\0');
            }
        }
        JWK jwk = jwkOf(spec);
        return new SigningKey(jwk);
    }

    private static JWK loadPublic(KeyProperties.KeySpec spec) {
        requireKid(spec);
        if (spec.pem() != null || spec.pemFile() != null) {
            return KeyLoader.publicFromPem(spec.kid(), spec.pem() != null ? spec.pem() : read(spec.pemFile()));
        }
        return jwkOf(spec).toPublicJWK();
    }

    private static JWK jwkOf(KeyProperties.KeySpec spec) {
        if (spec.jwk() == null && spec.jwkFile() == null) {
            throw new KeyLoadingException("Key " + spec.kid() + " names no source (pem, pem-file, pkcs12-file, jwk or jwk-file)");
        }
        List<JWK> keys = KeyLoader.fromJwkJson(spec.jwk() != null ? spec.jwk() : read(spec.jwkFile()));
        return keys.stream().filter(k -> spec.kid().equals(k.getKeyID())).findFirst()
            .orElseGet(() -> {
                if (keys.size() != 1) {
                    throw new KeyLoadingException("The JWK document holds no single key with kid " + spec.kid());
                }
                try {
                    return JWK.parse(new java.util.HashMap<>(keys.get(0).toJSONObject()) {{ put("kid", spec.kid()); }});
                }
                catch (java.text.ParseException ex) {
                    throw new KeyLoadingException("Cannot re-read key " + spec.kid(), ex);
                }
            });
    }

    private static void requireKid(KeyProperties.KeySpec spec) {
        if (spec.kid() == null || !spec.kid().matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new KeyLoadingException("Every configured key needs a kid of 1-64 letters, digits, '.', '_', ':' or '-'");
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read key file " + file, ex);
        }
    }
}
