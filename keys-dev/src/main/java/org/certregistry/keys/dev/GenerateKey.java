package org.certregistry.keys.dev;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a new signing key pair with a self-signed X.509 certificate, as PEM files.
 *
 * <pre>
 * java -cp keys-dev.jar:bcprov.jar:bcpkix.jar org.certregistry.keys.dev.GenerateKey \
 *      --kid 2027-01 [--alg ES256|RS256|Ed25519] [--out DIR] [--subject "CN=..."] [--days 1095]
 * </pre>
 *
 * Writes {@code <kid>.key.pem} (PKCS#8, owner-readable only) and {@code <kid>.crt.pem}. Keep the
 * private key out of the repository; point the registry at it with {@code REGISTRY_KEYS_ACTIVE_*}.
 */
public final class GenerateKey {

    private GenerateKey() {
    }

    /** A generated key pair and its self-signed certificate. */
    public record Generated(String keyId, KeyPair keyPair, X509Certificate certificate) {

        /** The private key as an unencrypted PKCS#8 PEM. */
        public String privateKeyPem() {
            try {
                return pem(new JcaPKCS8Generator(keyPair.getPrivate(), null));
            }
            catch (org.bouncycastle.util.io.pem.PemGenerationException ex) {
                throw new IllegalStateException("Cannot encode the private key", ex);
            }
        }

        /** The certificate as PEM. */
        public String certificatePem() {
            return pem(certificate);
        }

        private static String pem(Object object) {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(object instanceof JcaPKCS8Generator g ? g.generate() : object);
            }
            catch (IOException ex) {
                throw new IllegalStateException("Cannot write PEM", ex);
            }
            return out.toString();
        }
    }

    /**
     * Generates a key pair ({@code ES256}: P-256, {@code RS256}: RSA 3072, {@code Ed25519}: the
     * Data Integrity twin's {@code eddsa-rdfc-2022} key) and a self-signed
     * certificate valid for {@code validity}.
     */
    public static Generated generate(String keyId, String algorithm, String subject, Duration validity) {
        if (keyId == null || !keyId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("kid must be 1-64 letters, digits, '.', '_' or '-'");
        }
        try {
            BouncyCastleProvider bc = provider();
            KeyPair pair;
            String signatureAlgorithm;
            switch (algorithm.toUpperCase(Locale.ROOT)) {
                case "ES256" -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", bc);
                    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
                    pair = generator.generateKeyPair();
                    signatureAlgorithm = "SHA256withECDSA";
                }
                case "RS256" -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", bc);
                    generator.initialize(3072, new SecureRandom());
                    pair = generator.generateKeyPair();
                    signatureAlgorithm = "SHA256withRSA";
                }
                case "ED25519", "EDDSA" -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", bc);
                    generator.initialize(255, new SecureRandom());
                    pair = generator.generateKeyPair();
                    signatureAlgorithm = "Ed25519";
                }
                default -> throw new IllegalArgumentException("Unsupported algorithm " + algorithm + " (ES256, RS256 or Ed25519)");
            }
            Instant now = Instant.now();
            X500Name name = new X500Name(subject);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(127, new SecureRandom()), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(validity)), name, pair.getPublic());
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).setProvider(bc)
                .build(pair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().setProvider(bc)
                .getCertificate(builder.build(signer));
            return new Generated(keyId, pair, certificate);
        }
        catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException ex) {
            throw new IllegalStateException("Key generation failed: " + ex.getMessage(), ex);
        }
    }

    private static BouncyCastleProvider provider() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) instanceof BouncyCastleProvider bc) {
            return bc;
        }
        return new BouncyCastleProvider();
    }

    public static void main(String[] args) throws IOException {
        String kid = null;
        String alg = "ES256";
        String subject = null;
        Path out = Path.of(".");
        long days = 3 * 365;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--kid" -> { kid = value; i++; }
                case "--alg" -> { alg = value; i++; }
                case "--out" -> { out = Path.of(value); i++; }
                case "--subject" -> { subject = value; i++; }
                case "--days" -> { days = Long.parseLong(value); i++; }
                default -> {
                    System.err.println("usage: GenerateKey --kid ID [--alg ES256|RS256|Ed25519] [--out DIR] [--subject DN] [--days N]");
                    System.exit(2);
                }
            }
        }
        if (kid == null) {
            System.err.println("--kid is required");
            System.exit(2);
        }
        Generated generated = generate(kid, alg, subject != null ? subject : "CN=Certificate registry signing key " + kid,
                Duration.ofDays(days));
        Files.createDirectories(out);
        Path key = out.resolve(kid + ".key.pem");
        Path crt = out.resolve(kid + ".crt.pem");
        Files.writeString(key, generated.privateKeyPem());
        try {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        }
        catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the operator protects the file
        }
        Files.writeString(crt, generated.certificatePem());
        System.out.println("Wrote " + key + " (private, keep it secret) and " + crt);
    }
}
