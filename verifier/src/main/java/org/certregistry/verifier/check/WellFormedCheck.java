package org.certregistry.verifier.check;

import java.text.ParseException;
import java.util.Base64;

import com.nimbusds.jwt.SignedJWT;
import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;

/** The input is a compact JWS of sane size whose header and payload are JSON objects. */
public final class WellFormedCheck implements Check {

    /** A genuine credential is about 3 KB; anything far larger is refused before parsing. */
    public static final int MAX_TOKEN_LENGTH = 32 * 1024;

    /** Our credentials nest five levels deep; absurd nesting is refused before any JSON parser recurses into it. */
    static final int MAX_JSON_DEPTH = 16;

    @Override
    public CheckName name() {
        return CheckName.FORMAT;
    }

    @Override
    public boolean essential() {
        return true;
    }

    @Override
    public CheckResult run(PresentedCredential credential) {
        if (credential.format() == null) {
            credential.format(parse(credential));
        }
        return credential.format();
    }

    private CheckResult parse(PresentedCredential credential) {
        String token = credential.token();
        if (token == null || token.isBlank()) {
            return CheckResult.failed(name(), "No credential was given.");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return CheckResult.failed(name(), "The credential is too large (" + token.length() + " characters; at most "
                    + MAX_TOKEN_LENGTH + ").");
        }
        if (!token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")) {
            return CheckResult.failed(name(), "This is not a signed credential: a compact JWT has three base64url parts separated by dots.");
        }
        String[] parts = token.split("\\.");
        if (!nestingWithin(parts[0], MAX_JSON_DEPTH) || !nestingWithin(parts[1], MAX_JSON_DEPTH)) {
            return CheckResult.failed(name(), "The credential's JSON is nested deeper than " + MAX_JSON_DEPTH
                    + " levels, which no genuine credential is.");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            credential.jwt(jwt, jwt.getJWTClaimsSet().toJSONObject());
            return CheckResult.passed(name(), "The credential is a well-formed signed JWT.");
        }
        catch (ParseException | RuntimeException ex) {
            return CheckResult.failed(name(), "The credential cannot be read as a signed JWT (" + safe(ex.getMessage()) + ").");
        }
    }

    /** Whether the base64url-encoded JSON nests at most {@code max} arrays/objects deep (strings are skipped). */
    static boolean nestingWithin(String base64url, int max) {
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(base64url);
        }
        catch (IllegalArgumentException ex) {
            return true; // not base64url: the parser reports it
        }
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                }
                else if (b == '"') {
                    inString = false;
                }
            }
            else if (b == '"') {
                inString = true;
            }
            else if (b == '{' || b == '[') {
                if (++depth > max) {
                    return false;
                }
            }
            else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return true;
    }

    private static String safe(String message) {
        if (message == null) {
            return "unreadable";
        }
        return message.length() > 160 ? message.substring(0, 160) + "…" : message;
    }
}
