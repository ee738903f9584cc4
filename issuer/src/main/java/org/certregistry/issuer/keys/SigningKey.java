package org.certregistry.issuer.keys;

import java.util.Objects;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * A private signing key with its {@code kid}: ES256 for a P-256 key, RS256 for an RSA key.
 */
public record SigningKey(JWK privateJwk) {

    public SigningKey {
        Objects.requireNonNull(privateJwk, "privateJwk");
        if (privateJwk.getKeyID() == null || privateJwk.getKeyID().isBlank()) {
            throw new IllegalArgumentException("A signing key needs a kid");
        }
        if (!privateJwk.isPrivate()) {
            throw new IllegalArgumentException("Key " + privateJwk.getKeyID() + " has no private part");
        }
        if (privateJwk instanceof ECKey ec && !ec.getCurve().getName().equals("P-256")) {
            throw new IllegalArgumentException("Key " + privateJwk.getKeyID() + ": only P-256 EC keys are supported (ES256)");
        }
        if (privateJwk instanceof RSAKey rsa && rsa.size() < 2048) {
            throw new IllegalArgumentException("Key " + privateJwk.getKeyID() + ": RSA keys need at least 2048 bits");
        }
        if (!(privateJwk instanceof ECKey) && !(privateJwk instanceof RSAKey)) {
            throw new IllegalArgumentException("Key " + privateJwk.getKeyID() + ": only EC P-256 and RSA keys are supported");
        }
    }

    public String keyId() {
        return privateJwk.getKeyID();
    }

    /** ES256 for EC keys, RS256 for RSA keys. */
    public JWSAlgorithm algorithm() {
        return privateJwk instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
    }

    /** The public half, as published in the JWKS: {@code kid}, {@code use=sig}, {@code alg}. */
    public JWK publicJwk() {
        return publicOf(privateJwk, algorithm());
    }

    static JWK publicOf(JWK jwk, JWSAlgorithm algorithm) {
        JWK pub = jwk.toPublicJWK();
        if (pub instanceof ECKey ec) {
            return new ECKey.Builder(ec).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).keyID(jwk.getKeyID()).build();
        }
        RSAKey rsa = (RSAKey) pub;
        return new RSAKey.Builder(rsa).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).keyID(jwk.getKeyID()).build();
    }
}
