package org.certregistry.issuer.credential;

import java.util.Objects;

/** What was achieved: the program, as an Open Badges {@code Achievement} of type Certification. */
public record Achievement(String id, String name, String description, String criteriaNarrative) {

    public Achievement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(criteriaNarrative, "criteriaNarrative");
    }
}
