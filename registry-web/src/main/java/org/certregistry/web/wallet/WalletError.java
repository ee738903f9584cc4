package org.certregistry.web.wallet;

import java.util.Objects;

import org.springframework.http.HttpStatus;

/**
 * A refusal in the words of OAuth 2.0 (RFC 6749 section 5.2, RFC 6750 section 3) and OpenID4VCI 1.0 section 8.3.1.2:
 * a JSON body with {@code error} and {@code error_description}. Not a problem detail: wallets read these codes.
 */
public final class WalletError extends RuntimeException {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String INVALID_GRANT = "invalid_grant";
    public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
    public static final String INVALID_TOKEN = "invalid_token";
    public static final String INVALID_CREDENTIAL_REQUEST = "invalid_credential_request";
    public static final String UNKNOWN_CREDENTIAL_CONFIGURATION = "unknown_credential_configuration";
    public static final String UNKNOWN_CREDENTIAL_IDENTIFIER = "unknown_credential_identifier";
    public static final String INVALID_PROOF = "invalid_proof";
    public static final String INVALID_NONCE = "invalid_nonce";
    public static final String CREDENTIAL_REQUEST_DENIED = "credential_request_denied";

    private final HttpStatus status;
    private final String error;

    private WalletError(HttpStatus status, String error, String description) {
        super(ascii(description));
        this.status = Objects.requireNonNull(status, "status");
        this.error = Objects.requireNonNull(error, "error");
    }

    /** A 400 with this code. */
    public static WalletError of(String error, String description) {
        return new WalletError(HttpStatus.BAD_REQUEST, error, description);
    }

    /** A 401 {@code invalid_token}, answered with {@code WWW-Authenticate: Bearer error="invalid_token"}. */
    public static WalletError invalidToken(String description) {
        return new WalletError(HttpStatus.UNAUTHORIZED, INVALID_TOKEN, description);
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    /** RFC 6749 allows only %x20-21 / %x23-5B / %x5D-7E in a description. */
    private static String ascii(String description) {
        return description == null ? null : description.replaceAll("[^\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]", "?");
    }
}
