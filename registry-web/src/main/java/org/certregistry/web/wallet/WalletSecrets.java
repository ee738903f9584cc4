package org.certregistry.web.wallet;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
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

    /** A DRBG seeded once, at start ({@link #seed()}): NativePRNG would read /dev/urandom on an event loop. */
    private static final SecureRandom RANDOM;

    static {
        try {
            RANDOM = SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("No DRBG", ex);
        }
        RANDOM.nextBytes(new byte[32]);
    }

    private WalletSecrets() {
    }

    /** Loads and seeds the generator: called at start, off any event loop. */
    static void seed() {
        RANDOM.nextBytes(new byte[1]);
    }

    /** 256 random bits, base64url: an offer handle, an access token, a nonce. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A random (version 4) UUID from the same generator: {@code UUID.randomUUID()} reads /dev/urandom. */
    static java.util.UUID uuid() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b);
        return new java.util.UUID(buffer.getLong(), buffer.getLong());
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
