package org.certregistry.keys.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerateKeyTest {

    @Test
    void anES256KeyComesWithASelfSignedCertificateOfItsPublicKey() throws Exception {
        GenerateKey.Generated generated = GenerateKey.generate("2027-01", "ES256", "CN=Registry signing key", Duration.ofDays(365));
        assertThat(generated.keyPair().getPublic()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) generated.keyPair().getPublic()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(generated.certificate().getPublicKey()).isEqualTo(generated.keyPair().getPublic());
        generated.certificate().verify(generated.keyPair().getPublic());
        generated.certificate().checkValidity();
        assertThat(generated.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=Registry signing key");
        assertThat(generated.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(generated.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");

        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(generated.keyPair().getPrivate());
        signature.update(new byte[] {1, 2, 3});
        byte[] signed = signature.sign();
        signature.initVerify(generated.certificate());
        signature.update(new byte[] {1, 2, 3});
        assertThat(signature.verify(signed)).isTrue();
    }

    @Test
    void anRS256KeyIsRsa3072() {
        GenerateKey.Generated generated = GenerateKey.generate("rsa", "rs256", "CN=x", Duration.ofDays(1));
        assertThat(((RSAPublicKey) generated.keyPair().getPublic()).getModulus().bitLength()).isEqualTo(3072);
    }

    @Test
    void anEd25519KeySignsAndItsCertificateVerifies() throws Exception {
        GenerateKey.Generated generated = GenerateKey.generate("ed", "Ed25519", "CN=x", Duration.ofDays(1));
        assertThat(generated.keyPair().getPublic().getAlgorithm()).isIn("Ed25519", "EdDSA");
        generated.certificate().verify(generated.keyPair().getPublic());
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(generated.keyPair().getPrivate());
        signature.update(new byte[] {1, 2, 3});
        byte[] signed = signature.sign();
        signature.initVerify(generated.certificate());
        signature.update(new byte[] {1, 2, 3});
        assertThat(signature.verify(signed)).isTrue();
    }

    @Test
    void theCommittedDevelopmentEd25519KeyIsReadable() {
        assertThat(DevelopmentKeys.ed25519PrivateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(DevelopmentKeys.ed25519CertificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void twoRunsNeverMakeTheSameKey() {
        assertThat(GenerateKey.generate("a", "ES256", "CN=x", Duration.ofDays(1)).keyPair().getPublic())
            .isNotEqualTo(GenerateKey.generate("a", "ES256", "CN=x", Duration.ofDays(1)).keyPair().getPublic());
    }

    @Test
    void badKidsAndAlgorithmsAreRefused() {
        assertThatThrownBy(() -> GenerateKey.generate("../etc/passwd", "ES256", "CN=x", Duration.ofDays(1)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GenerateKey.generate("ok", "HS256", "CN=x", Duration.ofDays(1)))
            .hasMessageContaining("HS256");
    }

    @Test
    void theCommandWritesAnOwnerOnlyPrivateKeyAndACertificate(@TempDir Path dir) throws Exception {
        GenerateKey.main(new String[] {"--kid", "2027-01", "--out", dir.toString(), "--days", "30"});
        Path key = dir.resolve("2027-01.key.pem");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("2027-01.crt.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
    }
}
