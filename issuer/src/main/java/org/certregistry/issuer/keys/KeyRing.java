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

    /**
     * The public keys to publish at {@code /.well-known/jwks.json}, each with its URL
     * ({@link KeyIds#url}) as {@code kid}: the same string the tokens carry in their header.
     */
    public JWKSet publicKeys(String publicBaseUrl) {
        List<JWK> keys = new ArrayList<>();
        for (JWK key : publicKeys().getKeys()) {
            keys.add(withKeyId(key, KeyIds.url(publicBaseUrl, key.getKeyID())));
        }
        return new JWKSet(keys);
    }

    private static JWK withKeyId(JWK key, String keyId) {
        if (key instanceof ECKey ec) {
            return new ECKey.Builder(ec).keyID(keyId).build();
        }
        return new com.nimbusds.jose.jwk.RSAKey.Builder((com.nimbusds.jose.jwk.RSAKey) key).keyID(keyId).build();
    }

    /** The published public key with this short name, if any. */
    public Optional<JWK> publicKey(String keyId) {
        return Optional.ofNullable(publicKeys().getKeyByKeyId(keyId));
    }
}
