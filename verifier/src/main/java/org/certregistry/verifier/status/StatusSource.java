package org.certregistry.verifier.status;

/** Reads a credential's bit in a Bitstring Status List. */
public interface StatusSource {

    /**
     * The bit at {@code index} of the list at {@code listUrl}, which must be a list published by
     * {@code issuerId} (the credential's own, already authenticated, issuer).
     */
    StatusLookup lookup(String issuerId, String listUrl, int index);
}
