package org.certregistry.web.wallet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of the flow and their stored form. Each is 256 random bits (the transaction code excepted: digits a
 * holder types), handed out once; only its SHA-256 is stored. The pre-authorized code is derived from the offer's
 * handle, so the offer document can be served from the handle the wallet brings without storing the code usable.
 */
final class WalletSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WalletSecrets() {
    }

    /** 256 random bits, base64url: an offer handle, an access token, a nonce. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code length} random decimal digits. */
    static String digits(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return code.toString();
    }

    /** The pre-authorized code of the offer with this handle. */
    static String preAuthorizedCode(String handle) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("pre-authorized_code|" + handle));
    }

    /** The stored form of a transaction code: hashed with its pre-authorized code, so a copy of the table cannot try the million codes. */
    static byte[] txCodeHash(String preAuthorizedCode, String txCode) {
        return sha256(preAuthorizedCode + "|tx_code|" + txCode);
    }

    /** Whether a string could be one of {@link #random()}'s (anything else matches nothing: not looked up). */
    static boolean wellFormed(String secret) {
        return secret != null && secret.matches("[A-Za-z0-9_-]{43}");
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
