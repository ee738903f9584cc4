package org.certregistry.issuer.credential;

import java.util.Objects;

/** The awarding body as it appears in a credential's {@code issuer}: a URL id and a name. */
public record IssuerProfile(String id, String name) {

    public IssuerProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
