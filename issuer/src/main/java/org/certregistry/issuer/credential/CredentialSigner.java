package org.certregistry.issuer.credential;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.issuer.keys.Providers;
import org.certregistry.issuer.keys.SigningKey;

/**
 * Signs credentials as compact JWS: header {@code alg}, {@code typ: JWT}, {@code kid} and nothing
 * else. Thread-safe; CPU-bound (call it off any event loop).
 */
public final class CredentialSigner {

    private final SigningKey key;
    private final JWSSigner signer;

    public CredentialSigner(SigningKey key) {
        this.key = Objects.requireNonNull(key, "key");
        try {
            // the private key as BouncyCastle's own key class: converting a JDK key on every signature costs ~40%
            if (key.privateJwk() instanceof ECKey ec) {
                PrivateKey bc = KeyFactory.getInstance("EC", Providers.bouncyCastle())
                    .generatePrivate(new PKCS8EncodedKeySpec(ec.toECPrivateKey().getEncoded()));
                this.signer = new ECDSASigner(bc, ec.getCurve());
            }
            else {
                this.signer = new RSASSASigner(((RSAKey) key.privateJwk()).toRSAPrivateKey());
            }
        }
        catch (JOSEException | GeneralSecurityException ex) {
            throw new IllegalArgumentException("Unusable signing key " + key.keyId() + ": " + ex.getMessage(), ex);
        }
        signer.getJCAContext().setProvider(Providers.bouncyCastle());
    }

    public String keyId() {
        return key.keyId();
    }

    /** Signs the Open Badges credential made of this content. */
    public String sign(CredentialContent content) {
        return sign(OpenBadgeClaims.of(content));
    }

    /** Signs any claims set (e.g. a status list credential) with the same header rules. */
    public String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(key.algorithm()).type(JOSEObjectType.JWT).keyID(key.keyId()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Signing failed with key " + key.keyId() + ": " + ex.getMessage(), ex);
        }
        return jwt.serialize();
    }
}
