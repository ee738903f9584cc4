package org.certregistry.web.wallet;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.program.Program;
import org.certregistry.web.signing.IssuerKeys;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The certificate as an SD-JWT VC (IETF draft-ietf-oauth-sd-jwt-vc, on SD-JWT RFC 9901), format {@code dc+sd-jwt}:
 * an issuer-signed JWT ({@code typ: dc+sd-jwt}, the registry's issuer key and {@code kid}) with {@code iss}, {@code vct},
 * {@code iat}, {@code nbf}/{@code exp} (the current window), {@code cnf.jwk} (the wallet's key) and {@code status}
 * (the IETF Token Status List at {@code /status/{list}/token}, same index as the other forms) always visible, and
 * the holder's name, the number, the program, the awarding body and the award date as selectively disclosable claims,
 * followed by their disclosures: {@code <jwt>~<disclosure>~...~}. Signed on the bounded scheduler.
 */
@Component
public class SdJwtCredentials {

    static final JOSEObjectType TYPE = new JOSEObjectType("dc+sd-jwt");

    private final IssuerKeys keys;
    private final RegistryUrls urls;
    private final BlockingWork blocking;

    SdJwtCredentials(IssuerKeys keys, RegistryUrls urls, BlockingWork blocking) {
        this.keys = keys;
        this.urls = urls;
        this.blocking = blocking;
    }

    /** The {@code vct}: one type for every program (the program is a claim). */
    public String vct() {
        return urls.base() + "/credentials/types/professional-certificate";
    }

    /** The claims a holder may disclose one by one, in the order of the metadata. */
    public static final List<String> DISCLOSABLE = List.of("name", "certificate_number", "program", "awarding_body",
            "awarded_date");

    public Mono<String> sign(Certificate certificate, Program program, JWK walletKey, Instant now) {
        return blocking.run(() -> {
            Map<String, Object> disclosable = new LinkedHashMap<>();
            disclosable.put("name", certificate.holderName());
            disclosable.put("certificate_number", certificate.number());
            disclosable.put("program", Map.of("code", program.code(), "name", program.name(), "id", urls.achievement(program.code())));
            disclosable.put("awarding_body", Map.of("id", urls.issuer(program.awardingBody().id()), "name",
                    program.awardingBody().name()));
            disclosable.put("awarded_date", certificate.awardedAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
            List<String> disclosures = new ArrayList<>();
            List<String> digests = new ArrayList<>();
            disclosable.forEach((name, value) -> {
                String disclosure = disclosure(name, value);
                disclosures.add(disclosure);
                digests.add(digest(disclosure));
            });
            // sorted: the order of the digests says nothing about which claim is which
            digests.sort(null);
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(urls.credentialIssuer())
                .claim("vct", vct())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(certificate.validFrom()))
                .expirationTime(Date.from(certificate.validUntil()))
                .claim("cnf", Map.of("jwk", walletKey.toPublicJWK().toJSONObject()))
                .claim("status", Map.of("status_list", Map.of("idx", certificate.statusIndex(), "uri",
                        urls.tokenStatusList(certificate.statusList()))))
                .claim("_sd", digests)
                .claim("_sd_alg", "sha-256")
                .build();
            StringBuilder sdJwt = new StringBuilder(keys.signer().sign(claims, TYPE)).append('~');
            disclosures.forEach(d -> sdJwt.append(d).append('~'));
            return sdJwt.toString();
        });
    }

    /** base64url of the JSON array {@code [salt, name, value]} (RFC 9901 section 4.2.1), 128 bits of salt. */
    private static String disclosure(String name, Object value) {
        String salt = WalletSecrets.random().substring(0, 22);
        List<Object> array = new ArrayList<>(List.of(salt, name));
        array.add(value);
        return Base64.getUrlEncoder().withoutPadding()
            .encodeToString(JSONArrayUtils.toJSONString(array).getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(String disclosure) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(WalletSecrets.sha256(disclosure));
    }
}
