package org.certregistry.issuer.keys;

import java.net.URI;
import java.util.Objects;

/**
 * Key ids as they appear in signed tokens: an absolute URL {@code <base>/keys/<name>} that
 * answers the bare JWK (Open Badges 3.0: "a URI that can be dereferenced to an object of type
 * JWK"). The key's short name stays its identity in the key ring.
 */
public final class KeyIds {

    private KeyIds() {
    }

    /** {@code https://registry.example/keys/dev-es256-1} for base {@code https://registry.example} and that name. */
    public static String url(String baseUrl, String name) {
        Objects.requireNonNull(name, "name");
        URI base = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
        if (!base.isAbsolute() || base.getHost() == null || !(base.getScheme().equals("https") || base.getScheme().equals("http"))) {
            throw new IllegalArgumentException("The public base URL must be an absolute http(s) URL: " + baseUrl);
        }
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("A key name is 1-64 letters, digits, '.', '_' or '-': " + name);
        }
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return trimmed + "/keys/" + name;
    }
}
