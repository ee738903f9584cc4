package org.certregistry.issuer.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.List;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads signing keys from PEM (PKCS#8 or traditional), PKCS#12 key stores and JWK (sets), and
 * public keys from PEM certificates or public keys. Parsing is BouncyCastle's and nimbus's.
 */
public final class KeyLoader {

    private KeyLoader() {
    }

    /** A private key from PEM text, with the given {@code kid}; the public half is derived. */
    public static SigningKey fromPem(String keyId, String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Providers.bouncyCastle());
            PrivateKey privateKey;
            if (object instanceof PEMKeyPair pair) {
                privateKey = converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            else if (object instanceof PrivateKeyInfo info) {
                privateKey = converter.getPrivateKey(info);
            }
            else {
                throw new KeyLoadingException("No unencrypted private key found in the PEM for " + keyId);
            }
            return new SigningKey(toJwk(keyId, privateKey, derivePublic(privateKey)));
        }
        catch (IOException | GeneralSecurityException ex) {
            throw new KeyLoadingException("Cannot read the PEM private key for " + keyId + ": " + ex.getMessage(), ex);
        }
    }

    /** A public key from a PEM X.509 certificate or SubjectPublicKeyInfo, with the given {@code kid}. */
    public static JWK publicFromPem(String keyId, String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            PublicKey publicKey;
            if (object instanceof X509CertificateHolder holder) {
                publicKey = new JcaX509CertificateConverter().setProvider(Providers.bouncyCastle())
                    .getCertificate(holder).getPublicKey();
            }
            else if (object instanceof org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info) {
                publicKey = new JcaPEMKeyConverter().setProvider(Providers.bouncyCastle()).getPublicKey(info);
            }
            else {
                throw new KeyLoadingException("No certificate or public key found in the PEM for " + keyId);
            }
            return publicJwk(keyId, publicKey);
        }
        catch (IOException | GeneralSecurityException ex) {
            throw new KeyLoadingException("Cannot read the PEM public key for " + keyId + ": " + ex.getMessage(), ex);
        }
    }

    /** A private key from a PKCS#12 key store. */
    public static SigningKey fromPkcs12(String keyId, InputStream store, char[] password, String alias) {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(store, password);
            String chosen = alias != null ? alias : keyStore.aliases().nextElement();
            PrivateKey privateKey = (PrivateKey) keyStore.getKey(chosen, password);
            Certificate certificate = keyStore.getCertificate(chosen);
            if (privateKey == null || certificate == null) {
                throw new KeyLoadingException("No private key and certificate under alias " + chosen);
            }
            return new SigningKey(toJwk(keyId, privateKey, certificate.getPublicKey()));
        }
        catch (IOException | GeneralSecurityException ex) {
            throw new KeyLoadingException("Cannot read the PKCS#12 key store for " + keyId + ": " + ex.getMessage(), ex);
        }
    }

    /** Every key of a JWK or JWK set JSON document (private or public), each with its {@code kid}. */
    public static List<JWK> fromJwkJson(String json) {
        try {
            if (json.contains("\"keys\"")) {
                return JWKSet.parse(json).getKeys();
            }
            return List.of(JWK.parse(json));
        }
        catch (ParseException ex) {
            throw new KeyLoadingException("Cannot read the JWK document: " + ex.getMessage(), ex);
        }
    }

    private static PublicKey derivePublic(PrivateKey privateKey) throws GeneralSecurityException {
        if (privateKey instanceof ECPrivateKey ec) {
            var params = ec.getParameters();
            var q = params.getG().multiply(ec.getD()).normalize();
            return KeyFactory.getInstance("EC", Providers.bouncyCastle()).generatePublic(new ECPublicKeySpec(q, params));
        }
        if (privateKey instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        throw new KeyLoadingException("Unsupported private key type " + privateKey.getAlgorithm());
    }

    private static JWK toJwk(String keyId, PrivateKey privateKey, PublicKey publicKey) {
        if (publicKey instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).privateKey(privateKey).keyID(keyId).build();
        }
        if (publicKey instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).privateKey(privateKey).keyID(keyId).build();
        }
        throw new KeyLoadingException("Unsupported key type " + publicKey.getAlgorithm());
    }

    private static JWK publicJwk(String keyId, PublicKey publicKey) {
        if (publicKey instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).keyID(keyId).build();
        }
        if (publicKey instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).keyID(keyId).build();
        }
        throw new KeyLoadingException("Unsupported key type " + publicKey.getAlgorithm());
    }

}
