package org.certregistry.verifier.check;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;
import org.certregistry.verifier.keys.KeyLookup;
import org.certregistry.verifier.keys.KeySource;

/** The header's {@code kid} names one of the trusted issuer's published keys. */
public final class KeyCheck implements Check {

    private final KeySource keys;

    public KeyCheck(KeySource keys) {
        this.keys = keys;
    }

    @Override
    public CheckName name() {
        return CheckName.KEY;
    }

    @Override
    public boolean essential() {
        return true;
    }

    @Override
    public CheckResult run(PresentedCredential credential) {
        String keyId = credential.jwt().getHeader().getKeyID();
        KeyLookup lookup = keys.find(keyId);
        if (lookup instanceof KeyLookup.Found found) {
            String mismatch = mismatch(found.key(), credential.jwt().getHeader().getAlgorithm());
            if (mismatch != null) {
                return CheckResult.failed(name(), "Key " + keyId + " " + mismatch + ".");
            }
            credential.key(found.key());
            return CheckResult.passed(name(), "Key " + keyId + " is one of the issuer's published keys (" + found.source() + ").");
        }
        if (lookup instanceof KeyLookup.Unavailable unavailable) {
            return CheckResult.unavailable(name(), unavailable.reason());
        }
        return CheckResult.failed(name(), "The issuer publishes no key " + keyId + ": the credential was not signed by the issuer.");
    }

    /** Why this published key cannot check a signature made with {@code algorithm}, or null when it can. */
    public static String mismatch(JWK key, JWSAlgorithm algorithm) {
        if (!key.getKeyType().equals(KeyType.forAlgorithm(algorithm))) {
            return "is a " + key.getKeyType() + " key, not a key for " + algorithm;
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(algorithm)) {
            return "is published for " + key.getAlgorithm() + ", not " + algorithm;
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return "is not published for signatures";
        }
        if (key instanceof ECKey ec && JWSAlgorithm.ES256.equals(algorithm) && !Curve.P_256.equals(ec.getCurve())) {
            return "is not a P-256 key, as ES256 needs";
        }
        return null;
    }
}
