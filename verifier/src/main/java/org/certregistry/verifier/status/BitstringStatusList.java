package org.certregistry.verifier.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A decoded W3C Bitstring Status List: {@code encodedList} is multibase {@code u} + base64url
 * (no padding) of the GZIP of the bitstring, and index 0 is the left-most (most significant) bit
 * of the first byte. Decoding is bounded, so a GZIP bomb cannot exhaust memory.
 */
public final class BitstringStatusList {

    /** The spec's minimum, 16 KiB of bits, for herd privacy. */
    public static final int MIN_ENTRIES = 131_072;

    /** 16 Mi entries (2 MiB) is far more than any list we read; larger decompressed lists are refused. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    private final byte[] bits;

    private BitstringStatusList(byte[] bits) {
        this.bits = bits;
    }

    /** Decodes an {@code encodedList}; {@link IllegalArgumentException} with the reason when it is not one. */
    public static BitstringStatusList decode(String encodedList) {
        Objects.requireNonNull(encodedList, "encodedList");
        if (!encodedList.startsWith("u")) {
            throw new IllegalArgumentException("encodedList is not multibase base64url (it must start with 'u')");
        }
        byte[] gzip;
        try {
            gzip = Base64.getUrlDecoder().decode(encodedList.substring(1));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("encodedList is not base64url", ex);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(MIN_ENTRIES / 8);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > MAX_BYTES) {
                    throw new IllegalArgumentException("encodedList decompresses to more than " + MAX_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            byte[] bits = out.toByteArray();
            if (bits.length * 8 < MIN_ENTRIES) {
                throw new IllegalArgumentException("the list has " + bits.length * 8 + " entries, fewer than the "
                        + MIN_ENTRIES + " the spec requires");
            }
            return new BitstringStatusList(bits);
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("encodedList is not GZIP data", ex);
        }
    }

    /** How many entries the list has. */
    public int size() {
        return bits.length * 8;
    }

    /** Whether the entry at {@code index} is set; index 0 is the left-most bit of the first byte. */
    public boolean isSet(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("index " + index + " is outside the list of " + size() + " entries");
        }
        return (bits[index >>> 3] & (0x80 >>> (index & 7))) != 0;
    }
}
