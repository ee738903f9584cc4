package org.certregistry.web.signing;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the signing keys come from ({@code registry.keys.*}). With nothing configured, the
 * development key of {@code keys-dev} is used (and the {@code prod} profile refuses to start).
 *
 * @param active the key that signs new credentials
 * @param retired earlier keys, public halves only, that still verify the credentials they signed
 * @param ed25519 the Ed25519 key that signs the Data Integrity twin ({@code registry.keys.ed25519.*}):
 *        {@code kid} (its name) and {@code pem} or {@code pem-file} (PKCS#8); with none, the development key
 */
@ConfigurationProperties("registry.keys")
public record KeyProperties(KeySpec active, List<KeySpec> retired, KeySpec ed25519) {

    public KeyProperties {
        retired = retired == null ? List.of() : List.copyOf(retired);
    }

    /**
     * One key, from exactly one source: PEM text or file (private for the active key; a
     * certificate or public key for a retired one), a PKCS#12 file, or JWK text or file.
     */
    public record KeySpec(String kid, String pem, String pemFile, String pkcs12File, String pkcs12Password,
            String pkcs12Alias, String jwk, String jwkFile) {
    }
}
