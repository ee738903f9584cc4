package org.certregistry.verifier.check;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.HexFormat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;
import org.certregistry.verifier.SignatureCache;

/** The signature verifies under the issuer's key: the credential is exactly as the issuer signed it. */
public final class SignatureCheck implements Check {

    private final Provider provider;
    private final SignatureCache cache;

    public SignatureCheck(Provider provider, SignatureCache cache) {
        this.provider = provider;
        this.cache = cache == null ? SignatureCache.NONE : cache;
    }

    @Override
    public CheckName name() {
        return CheckName.SIGNATURE;
    }

    @Override
    public boolean essential() {
        return true;
    }

    @Override
    public CheckResult run(PresentedCredential credential) {
        String cacheKey = cacheKey(credential.key(), credential.token());
        if (cache.verifiedBefore(cacheKey)) {
            return CheckResult.passed(name(), "The signature is the issuer's: nothing in the credential has been changed.");
        }
        if (verifies(credential.jwt(), credential.key(), provider)) {
            cache.remember(cacheKey);
            return CheckResult.passed(name(), "The signature is the issuer's: nothing in the credential has been changed.");
        }
        return CheckResult.failed(name(), "The signature does not match: the credential was altered or not signed by the issuer.");
    }

    /** Whether {@code jws} verifies under {@code key} (EC or RSA public key); false for any failure, never an exception. */
    public static boolean verifies(JWSObject jws, JWK key, Provider provider) {
        try {
            JWSVerifier verifier = verifier(key, provider);
            return verifier != null && jws.verify(verifier);
        }
        catch (JOSEException | RuntimeException ex) {
            return false;
        }
    }

    /**
     * Verifiers by key, with the public key already converted into the provider's own key class:
     * converting a JDK key on every signature check costs more than the check itself.
     */
    private static final Map<VerifierKey, JWSVerifier> VERIFIERS = new ConcurrentHashMap<>();

    private record VerifierKey(JWK key, Provider provider) {
    }

    private static JWSVerifier verifier(JWK key, Provider provider) throws JOSEException {
        VerifierKey cacheKey = new VerifierKey(key.toPublicJWK(), provider);
        JWSVerifier known = VERIFIERS.get(cacheKey);
        if (known != null) {
            return known;
        }
        JWSVerifier verifier;
        try {
            if (key instanceof ECKey ec) {
                ECPublicKey publicKey = ec.toECPublicKey();
                if (provider != null) {
                    publicKey = (ECPublicKey) KeyFactory.getInstance("EC", provider)
                        .generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
                }
                verifier = new ECDSAVerifier(publicKey);
            }
            else if (key instanceof RSAKey rsa) {
                RSAPublicKey publicKey = rsa.toRSAPublicKey();
                if (provider != null) {
                    publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA", provider)
                        .generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
                }
                verifier = new RSASSAVerifier(publicKey);
            }
            else {
                return null;
            }
        }
        catch (GeneralSecurityException ex) {
            throw new JOSEException("unusable public key " + key.getKeyID(), ex);
        }
        if (provider != null) {
            verifier.getJCAContext().setProvider(provider);
        }
        if (VERIFIERS.size() > 256) {
            VERIFIERS.clear(); // keys come from trusted key sets, so few; never let it grow without bound
        }
        VERIFIERS.put(cacheKey, verifier);
        return verifier;
    }

    /** SHA-256 over the key's thumbprint and the whole token: a cache hit means this exact token under this exact key. */
    static String cacheKey(JWK key, String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(key.computeThumbprint().toString().getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) 0);
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (NoSuchAlgorithmException | JOSEException ex) {
            throw new IllegalStateException("SHA-256 thumbprints are always available", ex);
        }
    }
}
