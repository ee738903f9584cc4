package org.certregistry.web.wallet.web;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.web.http.RateLimited;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.system.RegistryUrls;
import org.certregistry.web.wallet.CredentialConfiguration;
import org.certregistry.web.wallet.CredentialOffers;
import org.certregistry.web.wallet.Nonces;
import org.certregistry.web.wallet.WalletCredentials;
import org.certregistry.web.wallet.WalletError;
import org.certregistry.web.wallet.WalletProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The wallet's side of OpenID4VCI 1.0, pre-authorized code flow: the offer by reference, the token endpoint, the
 * nonce endpoint and the credential endpoint. Refusals are OAuth error objects ({@code error},
 * {@code error_description}), never problem details; nothing here is cached.
 */
@RestController
class WalletProtocolController {

    private static final CacheControl NO_STORE = CacheControl.noStore();

    private final CredentialOffers offers;
    private final Nonces nonces;
    private final WalletCredentials credentials;
    private final RegistryUrls urls;
    private final Messages messages;
    private final WalletProperties properties;

    WalletProtocolController(CredentialOffers offers, Nonces nonces, WalletCredentials credentials, RegistryUrls urls,
            Messages messages, WalletProperties properties) {
        this.offers = offers;
        this.nonces = nonces;
        this.credentials = credentials;
        this.urls = urls;
        this.messages = messages;
        this.properties = properties;
    }

    /** The credential offer a {@code credential_offer_uri} names, while it can be redeemed; 404 after. */
    @GetMapping(path = "/api/v1/wallet/offers/{handle}", produces = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(value = "wallet-offer", burst = 30, perSecond = 2)
    Mono<ResponseEntity<Map<String, Object>>> offer(@PathVariable String handle, ServerWebExchange exchange) {
        return offers.document(handle).map(document -> {
            Map<String, Object> txCode = new LinkedHashMap<>();
            txCode.put("input_mode", "numeric");
            txCode.put("length", properties.txCodeLength());
            txCode.put("description", messages.forReader(exchange, "wallet.tx-code-description"));
            Map<String, Object> grant = new LinkedHashMap<>();
            grant.put("pre-authorized_code", document.preAuthorizedCode());
            grant.put("tx_code", txCode);
            Map<String, Object> offer = new LinkedHashMap<>();
            offer.put("credential_issuer", urls.credentialIssuer());
            offer.put("credential_configuration_ids", CredentialConfiguration.ids());
            offer.put("grants", Map.of(WalletMetadataController.PRE_AUTHORIZED_CODE, grant));
            return ResponseEntity.ok().cacheControl(NO_STORE).body(offer);
        }).defaultIfEmpty(ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(NO_STORE).body(Map.of("error",
                "invalid_request", "error_description", "This offer is unknown, expired or already taken")));
    }

    /** RFC 6749 section 4.1.3 with the pre-authorized code grant (OpenID4VCI 1.0 section 6). */
    @PostMapping(path = "/api/v1/wallet/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(value = "wallet-token", burst = 20, perSecond = 1)
    Mono<ResponseEntity<Map<String, Object>>> token(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            String grant = single(form, "grant_type");
            if (grant == null) {
                return Mono.error(WalletError.of(WalletError.INVALID_REQUEST, "grant_type is missing"));
            }
            if (!WalletMetadataController.PRE_AUTHORIZED_CODE.equals(grant)) {
                return Mono.error(WalletError.of(WalletError.UNSUPPORTED_GRANT_TYPE,
                        "Only " + WalletMetadataController.PRE_AUTHORIZED_CODE + " is supported"));
            }
            String code = single(form, "pre-authorized_code");
            if (code == null) {
                return Mono.error(WalletError.of(WalletError.INVALID_REQUEST, "pre-authorized_code is missing"));
            }
            String txCode = single(form, "tx_code");
            if (txCode == null) {
                return Mono.error(WalletError.of(WalletError.INVALID_REQUEST, "tx_code is missing: the offer asks for one"));
            }
            return offers.redeem(code, txCode);
        }).map(token -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", token.token());
            answer.put("token_type", "Bearer");
            answer.put("expires_in", token.lifetime().toSeconds());
            return ResponseEntity.ok().cacheControl(NO_STORE).header(HttpHeaders.PRAGMA, "no-cache").body(answer);
        });
    }

    /** OpenID4VCI 1.0 section 7: a fresh {@code c_nonce}, never cached. */
    @PostMapping(path = "/api/v1/wallet/nonce", produces = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(value = "wallet-nonce", burst = 30, perSecond = 2)
    Mono<ResponseEntity<Map<String, Object>>> nonce() {
        return nonces.issue().map(nonce -> ResponseEntity.ok().cacheControl(NO_STORE).body(Map.of("c_nonce", nonce)));
    }

    /**
     * OpenID4VCI 1.0 section 8: one credential bound to the key of the one {@code jwt} key proof. The body is written
     * by hand so that the signed credential keeps its exact bytes.
     */
    @PostMapping(path = "/api/v1/wallet/credential", produces = MediaType.APPLICATION_JSON_VALUE)
    @RateLimited(value = "wallet-credential", burst = 20, perSecond = 1)
    Mono<ResponseEntity<String>> credential(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        String token = bearer(authorization);
        Map<String, Object> request = null;
        if (body != null) {
            try {
                request = JSONObjectUtils.parse(body);
            }
            catch (ParseException ex) {
                request = null;
            }
        }
        return credentials.issue(token, request).map(issued -> {
            // a compact JWS is base64url and dots: nothing to escape in a JSON string
            String credential = issued.configuration().dataIntegrity() ? issued.credential() : "\"" + issued.credential() + "\"";
            return ResponseEntity.ok().cacheControl(NO_STORE).contentType(MediaType.APPLICATION_JSON)
                .body("{\"credentials\":[{\"credential\":" + credential + "}]}");
        });
    }

    @ExceptionHandler(WalletError.class)
    ResponseEntity<Map<String, Object>> refused(WalletError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.error());
        if (error.description() != null) {
            body.put("error_description", error.description());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(error.status()).cacheControl(NO_STORE)
            .contentType(MediaType.APPLICATION_JSON);
        if (error.status() == HttpStatus.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\""
                    + error.description() + "\"");
        }
        return answer.body(body);
    }

    /** The access token of an {@code Authorization: Bearer} header (the scheme in any case), or null. */
    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    /** The one value of a form field; null when absent or repeated (RFC 6749: parameters must not repeat). */
    private static String single(MultiValueMap<String, String> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.size() != 1 || values.get(0).isEmpty() ? null : values.get(0);
    }
}
