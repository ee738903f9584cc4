package org.certregistry.web.security;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.certregistry.web.signing.IssuerKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals a secret that must wait in a table (a holder's private link in an unsent e-mail or a cohort's
 * result) so that the table alone is useless: AES-256-GCM under a key that lives in the application's
 * configuration, never in the database. A database dump, a backup or a read-only role that can
 * read rows learns nothing it can use.
 * <p>
 * The key is {@code registry.secrets.seal-key} (base64, at least 32 bytes) when set; otherwise it is
 * derived (HKDF-SHA256, its own label) from the active signing key, which every instance of a fleet
 * already holds. A sealed value names its key, so one sealed under a key no longer configured (the
 * signing key was rotated and no seal key is set) is told apart from a forged one; both fail to open.
 * <p>
 * The context ({@code aad}) binds a sealed value to where it belongs, for example an e-mail's
 * recipient: the same bytes copied to another row do not open.
 */
@Component
public class SealedSecrets {

    private static final Logger log = LoggerFactory.getLogger(SealedSecrets.class);
    private static final String VERSION = "s1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random;

    SealedSecrets(@Value("${registry.secrets.seal-key:}") String configured, IssuerKeys keys) {
        byte[] material;
        if (configured != null && !configured.isBlank()) {
            material = Base64.getDecoder().decode(configured.strip());
            if (material.length < 32) {
                throw new IllegalStateException("registry.secrets.seal-key must be at least 32 bytes (base64)");
            }
            material = derive(material, "configured");
        }
        else {
            material = derive(privatePart(keys.ring().active().privateJwk()), "signing-key");
            log.info("Secrets waiting in tables are sealed with a key derived from the active signing key; set "
                    + "registry.secrets.seal-key to keep them readable across a signing-key rotation");
        }
        this.key = new SecretKeySpec(material, "AES");
        // a DRBG seeded here, at start: its nonces never read /dev/urandom on an event loop (NativePRNG would)
        try {
            this.random = SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("No DRBG", ex);
        }
        this.random.nextBytes(new byte[NONCE_BYTES]);
        this.keyId = HexFormat.of().formatHex(sha256(material), 0, 4);
    }

    /** The secret sealed, bound to {@code context}: {@code s1.<key id>.<nonce and ciphertext, base64url>}. */
    public String seal(String secret, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return VERSION + "." + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM is not available", ex);
        }
    }

    /** The secret, if {@code sealed} was sealed here under this key and for this context; empty otherwise. */
    public Optional<String> open(String sealed, String context) {
        if (sealed == null) {
            return Optional.empty();
        }
        String[] parts = sealed.split("\\.", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || !keyId.equals(parts[1])) {
            return Optional.empty();
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(parts[2]);
            if (in.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8));
        }
        catch (IllegalArgumentException | GeneralSecurityException ex) {
            return Optional.empty();
        }
    }

    private static byte[] privatePart(JWK jwk) {
        if (jwk instanceof ECKey ec && ec.getD() != null) {
            return ec.getD().decode();
        }
        if (jwk instanceof RSAKey rsa && rsa.getPrivateExponent() != null) {
            return rsa.getPrivateExponent().decode();
        }
        throw new IllegalStateException("The active signing key has no private part to derive a seal key from; "
                + "set registry.secrets.seal-key");
    }

    private static byte[] derive(byte[] material, String source) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(material, "certificate-registry".getBytes(StandardCharsets.UTF_8),
                ("sealed secrets at rest v1, from the " + source).getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[32];
        hkdf.generateBytes(out, 0, out.length);
        return out;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
