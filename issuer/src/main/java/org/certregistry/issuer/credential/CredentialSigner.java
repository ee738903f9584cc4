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
import org.certregistry.issuer.keys.KeyIds;
import org.certregistry.issuer.keys.Providers;
import org.certregistry.issuer.keys.SigningKey;

/**
 * Signs credentials as compact JWS: header {@code alg}, {@code typ: JWT}, {@code kid} and nothing
 * else. The {@code kid} is the key's URL ({@link KeyIds#url}), which answers the bare JWK; the
 * key's short name stays its identity in the key ring. Thread-safe; CPU-bound (call it off any
 * event loop).
 */
public final class CredentialSigner {

    private final SigningKey key;
    private final String headerKeyId;
    private final JWSSigner signer;

    /** Signs with {@code kid} = {@code <publicBaseUrl>/keys/<key name>}: what the registry should use. */
    public static CredentialSigner forRegistry(SigningKey key, String publicBaseUrl) {
        return new CredentialSigner(key, KeyIds.url(publicBaseUrl, key.keyId()));
    }

    /**
     * Signs with the bare key name as {@code kid}, as credentials were signed before key URLs.
     * Kept for callers not yet given the public base URL; prefer {@link #forRegistry}.
     */
    public CredentialSigner(SigningKey key) {
        this(key, key.keyId());
    }

    /** Signs with {@code headerKeyId} as the header's {@code kid}. */
    public CredentialSigner(SigningKey key, String headerKeyId) {
        this.key = Objects.requireNonNull(key, "key");
        this.headerKeyId = Objects.requireNonNull(headerKeyId, "headerKeyId");
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

    /** The {@code kid} this signer puts in the header (the key URL, or the bare name for the legacy constructor). */
    public String keyId() {
        return headerKeyId;
    }

    /** The key's short name: its identity in the key ring. */
    public String keyName() {
        return key.keyId();
    }

    /** Signs the Open Badges credential made of this content. */
    public String sign(CredentialContent content) {
        return sign(OpenBadgeClaims.of(content));
    }

    /** Signs any claims set (e.g. a status list credential) with the same header rules. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, JOSEObjectType.JWT);
    }

    /**
     * Signs a document that is not a credential under a header type of its own (a bulk-verification
     * receipt): signed with the same key, only its type keeps a verifier from taking it for a credential.
     */
    public String sign(JWTClaimsSet claims, JOSEObjectType type) {
        Objects.requireNonNull(type, "type");
        JWSHeader header = new JWSHeader.Builder(key.algorithm()).type(type).keyID(headerKeyId).build();
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
