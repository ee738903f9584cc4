package org.certregistry.issuer.keys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * The issuer's keys: the active one that signs new credentials, and retired public keys that
 * still verify credentials signed before a rotation. Both are published in the JWKS.
 */
public record KeyRing(SigningKey active, List<JWK> retired) {

    public KeyRing {
        Objects.requireNonNull(active, "active");
        retired = List.copyOf(retired);
        Map<String, JWK> seen = new LinkedHashMap<>();
        seen.put(active.keyId(), active.privateJwk());
        for (JWK key : retired) {
            if (key.getKeyID() == null) {
                throw new IllegalArgumentException("Every retired key needs a kid");
            }
            if (seen.put(key.getKeyID(), key) != null) {
                throw new IllegalArgumentException("Two keys share the kid " + key.getKeyID());
            }
        }
    }

    public static KeyRing of(SigningKey active) {
        return new KeyRing(active, List.of());
    }

    /** The public keys to publish: active first, then the retired ones. Never a private part. */
    public JWKSet publicKeys() {
        List<JWK> keys = new ArrayList<>();
        keys.add(active.publicJwk());
        for (JWK key : retired) {
            keys.add(SigningKey.publicOf(key, key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256));
        }
        return new JWKSet(keys);
    }

    /** The published public key with this {@code kid}, if any. */
    public Optional<JWK> publicKey(String keyId) {
        return Optional.ofNullable(publicKeys().getKeyByKeyId(keyId));
    }
}
