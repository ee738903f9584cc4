package org.certregistry.verifier.check;

import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.verifier.CheckResult;

/**
 * The credential under verification, filled in as checks go: the raw token, then parsed parts.
 * The token is parsed once (by the format check, whose result is kept), whether a caller first
 * asks for {@link #claimedNumber()} or the verifier parses it.
 */
public final class PresentedCredential {

    private final String token;
    private CheckResult format;
    private SignedJWT jwt;
    private Map<String, Object> claims;
    private JWK key;

    public PresentedCredential(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /**
     * The certificate number the credential claims, read WITHOUT trusting it: only to know which
     * record to look up before the checks run. Null when the token is not a well-formed credential
     * (size and nesting are checked before any JSON is parsed) or names no number.
     */
    public String claimedNumber() {
        if (format == null) {
            new WellFormedCheck().run(this);
        }
        return claims == null ? null : Claims.string(Claims.path(claims, "credentialSubject", "licenseNumber"));
    }

    CheckResult format() {
        return format;
    }

    void format(CheckResult result) {
        this.format = result;
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
