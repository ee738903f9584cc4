package org.certregistry.web.status;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A keyed bijection of [0, size): the n-th entry handed out by a list sits at {@code at(n)}.
 * Distinct counters give distinct indexes by construction (no clash to retry), and without the
 * list's key the indexes say nothing about issuance order (the herd privacy the Bitstring Status
 * List asks for). A four-round Feistel network over the smallest even number of bits that covers
 * {@code size}, with cycle-walking to stay inside it; rounds are HMAC-SHA256 (BouncyCastle's
 * lightweight API: no provider lookup, safe on any thread).
 */
final class StatusIndexPermutation {

    private static final int ROUNDS = 4;

    private final byte[] key;
    private final int size;
    private final int halfBits;
    private final int halfMask;

    StatusIndexPermutation(byte[] key, int size) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("a permutation key of at least 16 bytes is required");
        }
        this.key = key.clone();
        this.size = size;
        int bits = 32 - Integer.numberOfLeadingZeros(size - 1);
        this.halfBits = (bits + 1) / 2;
        this.halfMask = (1 << halfBits) - 1;
    }

    /** The index of the {@code n}-th entry, 0 ≤ n < size. */
    int at(int n) {
        if (n < 0 || n >= size) {
            throw new IllegalArgumentException("entry " + n + " is outside a list of " + size);
        }
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        int value = n;
        do {
            value = encrypt(mac, value);
        }
        while (value >= size);
        return value;
    }

    private int encrypt(HMac mac, int value) {
        int left = value >>> halfBits;
        int right = value & halfMask;
        for (int round = 0; round < ROUNDS; round++) {
            int next = left ^ (round(mac, round, right) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    private static int round(HMac mac, int round, int half) {
        byte[] input = { (byte) round, (byte) (half >>> 24), (byte) (half >>> 16), (byte) (half >>> 8), (byte) half };
        byte[] out = new byte[mac.getMacSize()];
        mac.update(input, 0, input.length);
        mac.doFinal(out, 0);
        return ((out[0] & 0xff) << 24) | ((out[1] & 0xff) << 16) | ((out[2] & 0xff) << 8) | (out[3] & 0xff);
    }
}
