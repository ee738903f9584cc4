package org.certregistry.verifier.check;

import java.security.Provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import org.certregistry.verifier.CheckResult;

/** The signature verifies under the issuer's key: the credential is exactly as the issuer signed it. */
public final class SignatureCheck implements Check {

    private final Provider provider;

    public SignatureCheck(Provider provider) {
        this.provider = provider;
    }

    @Override
    public String name() {
        return "signature";
    }

    @Override
    public boolean essential() {
        return true;
    }

    @Override
    public CheckResult run(PresentedCredential credential) {
        try {
            JWSVerifier verifier = credential.key() instanceof ECKey ec ? new ECDSAVerifier(ec.toECPublicKey())
                    : new RSASSAVerifier(((RSAKey) credential.key()).toRSAPublicKey());
            if (provider != null) {
                verifier.getJCAContext().setProvider(provider);
            }
            if (credential.jwt().verify(verifier)) {
                return CheckResult.passed(name(), "The signature is the issuer's: nothing in the credential has been changed.");
            }
            return CheckResult.failed(name(), "The signature does not match: the credential was altered or not signed by the issuer.");
        }
        catch (JOSEException | RuntimeException ex) {
            return CheckResult.failed(name(), "The signature cannot be checked with the issuer's key: it is not genuine.");
        }
    }
}
