package org.certregistry.issuer.keys;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import com.apicatalog.multibase.Multibase;
import com.apicatalog.multicodec.codec.KeyCodec;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.openssl.PEMParser;

/**
 * The Ed25519 key that signs the Data Integrity twin ({@code eddsa-rdfc-2022}), beside the
 * JWT's P-256 key. {@code name} is its identity in the key ring (e.g. {@code dev-ed25519-1});
 * the verification method URL is made from it. Raw 32-byte halves, copied in and out.
 */
public record Ed25519Key(String name, byte[] privateKey, byte[] publicKey) {

    public Ed25519Key {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("A key name is 1-64 letters, digits, '.', '_' or '-'");
        }
        if (privateKey == null || privateKey.length != 32) {
            throw new IllegalArgumentException("Key " + name + ": an Ed25519 private key is 32 bytes");
        }
        privateKey = privateKey.clone();
        byte[] derived = new Ed25519PrivateKeyParameters(privateKey).generatePublicKey().getEncoded();
        if (publicKey != null && !Arrays.equals(publicKey, derived)) {
            throw new IllegalArgumentException("Key " + name + ": the public key does not belong to the private key");
        }
        publicKey = derived;
    }

    /** A PKCS#8 PEM Ed25519 private key (as {@code GenerateKey --alg Ed25519} writes it). */
    public static Ed25519Key fromPem(String name, String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (!(object instanceof PrivateKeyInfo info)
                    || !EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                throw new KeyLoadingException("No unencrypted PKCS#8 Ed25519 private key in the PEM for " + name);
            }
            byte[] raw = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            return new Ed25519Key(name, raw, null);
        }
        catch (IOException | IllegalArgumentException ex) {
            throw new KeyLoadingException("Cannot read the Ed25519 key " + name + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** {@code z6Mk...}: multibase base58btc of the multicodec {@code ed25519-pub} key, as Multikey wants. */
    public String publicKeyMultibase() {
        return Multibase.BASE_58_BTC.encode(KeyCodec.ED25519_PUBLIC_KEY.encode(publicKey));
    }

    /** The public key as a JWK ({@code OKP}, {@code Ed25519}) with the given {@code kid}. */
    public OctetKeyPair publicJwk(String keyId) {
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(publicKey)).keyUse(KeyUse.SIGNATURE)
            .algorithm(com.nimbusds.jose.JWSAlgorithm.EdDSA).keyID(keyId).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519Key k && name.equals(k.name) && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "Ed25519Key[" + name + ", " + Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey) + "]";
    }
}
