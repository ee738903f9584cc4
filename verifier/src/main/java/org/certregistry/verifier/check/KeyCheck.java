package org.certregistry.verifier.check;

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
    public String name() {
        return "key";
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
            if (!found.key().getKeyType().equals(com.nimbusds.jose.jwk.KeyType.forAlgorithm(credential.jwt().getHeader().getAlgorithm()))) {
                return CheckResult.failed(name(), "Key " + keyId + " is not a key for " + credential.jwt().getHeader().getAlgorithm() + ".");
            }
            credential.key(found.key());
            return CheckResult.passed(name(), "Key " + keyId + " is one of the issuer's published keys (" + found.source() + ").");
        }
        if (lookup instanceof KeyLookup.Unavailable unavailable) {
            return CheckResult.unavailable(name(), unavailable.reason());
        }
        return CheckResult.failed(name(), "The issuer publishes no key " + keyId + ": the credential was not signed by the issuer.");
    }
}
