package org.certregistry.issuer.credential;

import java.util.Objects;

/** A credential's place in a Bitstring Status List: the list's URL and the bit's index. */
public record StatusEntry(String listUrl, int index) {

    public StatusEntry {
        Objects.requireNonNull(listUrl, "listUrl");
        if (index < 0) {
            throw new IllegalArgumentException("status index must not be negative");
        }
    }
}
