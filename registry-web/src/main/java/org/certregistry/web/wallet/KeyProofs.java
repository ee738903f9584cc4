package org.certregistry.web.wallet;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.stereotype.Component;

/**
 * Checks a key proof of type {@code jwt} (OpenID4VCI 1.0 appendix F.1), in order: it parses; {@code typ} is
 * {@code openid4vci-proof+jwt}; {@code alg} is an ECDSA algorithm we list; the key is in the {@code jwk} header
 * (public, no {@code kid} or {@code x5c} beside it) or named by a {@code did:jwk} {@code kid}; the signature verifies
 * with that key; {@code aud} is our credential issuer identifier; {@code iat} is present and fresh; {@code nonce} is
 * present. Whether the nonce is one we issued and unused is the caller's next step ({@link Nonces#take}), so that a
 * proof refused here spends nothing. Each refusal is {@code invalid_proof} with a description naming what is wrong.
 * CPU work: run it off the event loop.
 */
@Component
public class KeyProofs {

    public static final String TYPE = "openid4vci-proof+jwt";

    /** The proof algorithms we accept, as the metadata lists them. */
    public static final List<String> ALGORITHMS = List.of("ES256", "ES384", "ES512");

    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** A checked proof: the wallet's public key, its {@code did:jwk}, and the nonce still to be taken. */
    public record KeyProof(ECKey key, String did, String nonce) {
    }

    private final RegistryUrls urls;
    private final WalletProperties properties;
    private final Clock clock;

    KeyProofs(RegistryUrls urls, WalletProperties properties, Clock clock) {
        this.urls = urls;
        this.properties = properties;
        this.clock = clock;
    }

    public KeyProof check(String compact) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(compact);
        }
        catch (ParseException | RuntimeException ex) {
            throw refused("The proof is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (header.getType() == null || !TYPE.equals(header.getType().getType())) {
            throw refused("The proof's typ must be " + TYPE);
        }
        if (!ACCEPTED.contains(header.getAlgorithm())) {
            throw refused("The proof's alg must be one of " + String.join(", ", ALGORITHMS));
        }
        ECKey key = key(header);
        try {
            if (!jwt.verify(new ECDSAVerifier(key))) {
                throw refused("The proof's signature does not verify with the key its header names");
            }
        }
        catch (JOSEException ex) {
            throw refused("The proof's signature cannot be checked with the key its header names (" + ex.getMessage() + ")");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        }
        catch (ParseException ex) {
            throw refused("The proof's claims are not a JSON object");
        }
        String issuer = urls.base();
        if (claims.getAudience() == null || claims.getAudience().size() != 1 || !issuer.equals(claims.getAudience().get(0))) {
            throw refused("The proof's aud must be the credential issuer identifier " + issuer);
        }
        if (claims.getIssueTime() == null) {
            throw refused("The proof has no iat");
        }
        Instant iat = claims.getIssueTime().toInstant();
        Instant now = clock.instant();
        if (iat.isAfter(now.plus(properties.clockSkew()))) {
            throw refused("The proof's iat is in the future");
        }
        if (iat.isBefore(now.minus(properties.proofMaxAge()))) {
            throw refused("The proof's iat is older than " + properties.proofMaxAge().toSeconds() + " seconds");
        }
        String nonce;
        try {
            nonce = claims.getStringClaim("nonce");
        }
        catch (ParseException ex) {
            throw refused("The proof's nonce must be a string");
        }
        if (nonce == null) {
            throw refused("The proof has no nonce: get a c_nonce from the nonce endpoint");
        }
        return new KeyProof(key, did(key, header), nonce);
    }

    /** The key the proof names: a public EC key in {@code jwk}, or the key a {@code did:jwk} {@code kid} encodes. */
    private static ECKey key(JWSHeader header) {
        JWK jwk = header.getJWK();
        String kid = header.getKeyID();
        if (header.getX509CertChain() != null) {
            throw refused("Proofs with x5c are not supported: put the key in jwk");
        }
        if (jwk != null && kid != null) {
            throw refused("The proof's header must not carry both jwk and kid");
        }
        if (jwk == null && kid != null && kid.startsWith("did:jwk:")) {
            String id = kid.substring("did:jwk:".length());
            int fragment = id.indexOf('#');
            try {
                jwk = JWK.parse(new String(Base64.getUrlDecoder().decode(fragment < 0 ? id : id.substring(0, fragment)),
                        StandardCharsets.UTF_8));
            }
            catch (ParseException | IllegalArgumentException ex) {
                throw refused("The proof's did:jwk kid does not encode a JWK");
            }
        }
        if (jwk == null) {
            throw refused("The proof's header must carry the key as jwk (or a did:jwk kid)");
        }
        if (jwk.isPrivate()) {
            throw refused("The proof's jwk must be a public key");
        }
        if (!(jwk instanceof ECKey ec) || !(Curve.P_256.equals(ec.getCurve()) || Curve.P_384.equals(ec.getCurve())
                || Curve.P_521.equals(ec.getCurve()))) {
            throw refused("The proof's key must be an EC key on P-256, P-384 or P-521");
        }
        return ec;
    }

    /** The {@code did:jwk} the credential is bound to: the DID the wallet named, or the one its {@code jwk} makes. */
    private static String did(ECKey key, JWSHeader header) {
        String kid = header.getKeyID();
        if (kid != null && kid.startsWith("did:jwk:")) {
            int fragment = kid.indexOf('#');
            return fragment < 0 ? kid : kid.substring(0, fragment);
        }
        return didJwk(key);
    }

    /** {@code did:jwk:} + base64url of the public JWK's JSON (https://github.com/quartzjer/did-jwk). */
    public static String didJwk(JWK key) {
        return "did:jwk:" + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8));
    }

    private static WalletError refused(String description) {
        return WalletError.of(WalletError.INVALID_PROOF, description);
    }
}
