package org.certregistry.web.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import org.certregistry.issuer.credential.CredentialSigner;
import org.certregistry.issuer.keys.KeyLoader;
import org.certregistry.issuer.keys.KeyLoadingException;
import org.certregistry.issuer.keys.KeyRing;
import org.certregistry.issuer.keys.SigningKey;
import org.certregistry.keys.dev.DevelopmentKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/** The registry's key ring and the signer of its active key, loaded once at start. */
@Component
public class IssuerKeys {

    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

    private final KeyRing ring;
    private final CredentialSigner signer;

    IssuerKeys(KeyProperties properties, Environment environment) {
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
        this.signer = new CredentialSigner(active);
    }

    public KeyRing ring() {
        return ring;
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
