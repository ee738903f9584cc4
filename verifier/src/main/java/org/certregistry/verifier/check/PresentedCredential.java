package org.certregistry.verifier.check;

import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;

/** The credential under verification, filled in as checks go: the raw token, then parsed parts. */
public final class PresentedCredential {

    private final String token;
    private SignedJWT jwt;
    private Map<String, Object> claims;
    private JWK key;

    public PresentedCredential(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public SignedJWT jwt() {
        return jwt;
    }

    void jwt(SignedJWT jwt, Map<String, Object> claims) {
        this.jwt = jwt;
        this.claims = claims;
    }

    /** The claims set as JSON objects; only read it after the signature check passed. */
    public Map<String, Object> claims() {
        return claims;
    }

    public JWK key() {
        return key;
    }

    void key(JWK key) {
        this.key = key;
    }
}
