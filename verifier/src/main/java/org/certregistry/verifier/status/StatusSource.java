package org.certregistry.verifier.status;

/** Reads a credential's bit in a Bitstring Status List. */
public interface StatusSource {

    /** The bit at {@code index} of the list at {@code listUrl}. */
    StatusLookup lookup(String listUrl, int index);
}
