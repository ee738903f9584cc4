package org.certregistry.web.wallet.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.certregistry.web.i18n.Languages;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.signing.IssuerKeys;
import org.certregistry.web.system.RegistryUrls;
import org.certregistry.web.wallet.CredentialConfiguration;
import org.certregistry.web.wallet.KeyProofs;
import org.certregistry.web.wallet.SdJwtCredentials;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a wallet reads first: the credential issuer metadata (OpenID4VCI 1.0 section 12.2) and the OAuth 2.0
 * authorization server metadata (RFC 8414; the registry is both, so {@code authorization_servers} is left out).
 * Display texts in every language of the message bundles. Also the SD-JWT VC issuer metadata.
 */
@RestController
class WalletMetadataController {

    static final String PRE_AUTHORIZED_CODE = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(10)).cachePublic();

    private final RegistryUrls urls;
    private final Messages messages;
    private final Languages languages;
    private final IssuerKeys keys;
    private final SdJwtCredentials sdJwts;

    WalletMetadataController(RegistryUrls urls, Messages messages, Languages languages, IssuerKeys keys,
            SdJwtCredentials sdJwts) {
        this.sdJwts = sdJwts;
        this.keys = keys;
        this.urls = urls;
        this.messages = messages;
        this.languages = languages;
    }

    @GetMapping(path = "/.well-known/openid-credential-issuer", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> credentialIssuer() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("credential_issuer", urls.credentialIssuer());
        metadata.put("credential_endpoint", urls.walletCredential());
        metadata.put("nonce_endpoint", urls.walletNonce());
        metadata.put("display", display(language -> Map.of("name", messages.in(language, "site.name"))));
        Map<String, Object> configurations = new LinkedHashMap<>();
        for (CredentialConfiguration configuration : CredentialConfiguration.values()) {
            configurations.put(configuration.id(), configuration(configuration));
        }
        metadata.put("credential_configurations_supported", configurations);
        return ResponseEntity.ok().cacheControl(CACHE).body(metadata);
    }

    @GetMapping(path = "/.well-known/oauth-authorization-server", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> authorizationServer() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", urls.credentialIssuer());
        metadata.put("token_endpoint", urls.walletToken());
        metadata.put("grant_types_supported", List.of(PRE_AUTHORIZED_CODE));
        metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("pre-authorized_grant_anonymous_access_supported", true);
        return ResponseEntity.ok().cacheControl(CACHE).body(metadata);
    }

    /**
     * SD-JWT VC issuer metadata (draft-ietf-oauth-sd-jwt-vc, JWT VC Issuer Metadata): where the keys of the SD-JWT VCs'
     * {@code iss} are. The same JWKS as every other JWT the registry signs.
     */
    @GetMapping(path = "/.well-known/jwt-vc-issuer", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwtVcIssuer() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", urls.credentialIssuer());
        metadata.put("jwks_uri", urls.jwks());
        return ResponseEntity.ok().cacheControl(CACHE).body(metadata);
    }

    private Map<String, Object> configuration(CredentialConfiguration configuration) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("format", configuration.format());
        if (configuration.sdJwt()) {
            c.put("vct", sdJwts.vct());
            c.put("credential_signing_alg_values_supported", List.of(keys.ring().active().algorithm().getName()));
            c.put("cryptographic_binding_methods_supported", List.of("jwk"));
            c.put("proof_types_supported", Map.of("jwt", Map.of("proof_signing_alg_values_supported", KeyProofs.ALGORITHMS)));
            c.put("credential_metadata", Map.of("display", credentialDisplay(), "claims", SdJwtCredentials.DISCLOSABLE.stream()
                .map(name -> Map.of("path", List.of(name))).toList()));
            return c;
        }
        Map<String, Object> definition = new LinkedHashMap<>();
        if (configuration.dataIntegrity()) {
            definition.put("@context", CredentialConfiguration.CONTEXT);
        }
        definition.put("type", CredentialConfiguration.TYPES);
        c.put("credential_definition", definition);
        c.put("credential_signing_alg_values_supported", configuration.dataIntegrity() ? List.of("eddsa-rdfc-2022")
                : List.of(keys.ring().active().algorithm().getName()));
        c.put("cryptographic_binding_methods_supported", List.of("did:jwk"));
        c.put("proof_types_supported", Map.of("jwt", Map.of("proof_signing_alg_values_supported", KeyProofs.ALGORITHMS)));
        c.put("credential_metadata", Map.of("display", credentialDisplay()));
        return c;
    }

    private List<Map<String, Object>> credentialDisplay() {
        return display(language -> Map.of("name", messages.in(language, "wallet.credential-name"),
                "description", messages.in(language, "wallet.credential-description")));
    }

    /** One display object per offered language, each with its {@code locale}. */
    private List<Map<String, Object>> display(java.util.function.Function<Locale, Map<String, Object>> texts) {
        return languages.offered().stream().map(language -> {
            Map<String, Object> d = new LinkedHashMap<>(texts.apply(language));
            d.put("locale", language.toLanguageTag());
            return d;
        }).toList();
    }
}
