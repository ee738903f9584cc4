package org.certregistry.keys.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The <strong>DEVELOPMENT ONLY</strong> signing key of the registry.
 *
 * <p>Its private half is in the repository, so anybody can forge credentials signed with it.
 * It exists so that the registry starts with one command and the tests have a stable key. The
 * production profile refuses to start while it is configured; make a real key with
 * {@link GenerateKey}.
 */
public final class DevelopmentKeys {

    /** The {@code kid} of the development key; the production profile refuses any key with it. */
    public static final String KEY_ID = "dev-es256-1";

    /** Classpath location of the PKCS#8 PEM private key. */
    public static final String PRIVATE_KEY_RESOURCE = "org/certregistry/keys/dev/dev-es256-1.key.pem";

    /** Classpath location of the self-signed X.509 certificate (PEM) of the public key. */
    public static final String CERTIFICATE_RESOURCE = "org/certregistry/keys/dev/dev-es256-1.crt.pem";

    /**
     * The name of the development Ed25519 key that signs the Data Integrity twin
     * ({@code eddsa-rdfc-2022}); as public as the ES256 one.
     */
    public static final String ED25519_KEY_ID = "dev-ed25519-1";

    /** Classpath location of the Ed25519 PKCS#8 PEM private key. */
    public static final String ED25519_PRIVATE_KEY_RESOURCE = "org/certregistry/keys/dev/dev-ed25519-1.key.pem";

    /** Classpath location of the Ed25519 key's self-signed certificate (PEM). */
    public static final String ED25519_CERTIFICATE_RESOURCE = "org/certregistry/keys/dev/dev-ed25519-1.crt.pem";

    private DevelopmentKeys() {
    }

    /** The development private key as PEM text. */
    public static String privateKeyPem() {
        return read(PRIVATE_KEY_RESOURCE);
    }

    /** The development key's self-signed certificate as PEM text. */
    public static String certificatePem() {
        return read(CERTIFICATE_RESOURCE);
    }

    /** The development Ed25519 private key as PEM text. */
    public static String ed25519PrivateKeyPem() {
        return read(ED25519_PRIVATE_KEY_RESOURCE);
    }

    /** The development Ed25519 key's self-signed certificate as PEM text. */
    public static String ed25519CertificatePem() {
        return read(ED25519_CERTIFICATE_RESOURCE);
    }

    private static String read(String resource) {
        try (InputStream in = DevelopmentKeys.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Development key resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
