package org.certregistry.issuer.credential;

import java.util.Arrays;

import com.apicatalog.ld.signature.VerificationError;
import com.apicatalog.ld.signature.algorithm.SignatureAlgorithm;
import com.apicatalog.ld.signature.key.KeyPair;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 for iron-verifiable-credentials' {@code eddsa-rdfc-2022}, by BouncyCastle rather than the
 * JDK's provider the library picks by name: half of a twin's signing time went to the JDK's Ed25519
 * (Java 17's is unoptimised). Ed25519 is deterministic, so the signature is byte for byte the same
 * (tested). Holds one key's expanded form, so its public half is not derived again for each signature.
 */
final class BouncyCastleEd25519 implements SignatureAlgorithm {

    private final byte[] privateKey;
    private final Ed25519PrivateKeyParameters parameters;

    BouncyCastleEd25519(byte[] privateKey) {
        this.privateKey = privateKey.clone();
        this.parameters = new Ed25519PrivateKeyParameters(this.privateKey);
        parameters.generatePublicKey(); // cached by BouncyCastle for every signature after
    }

    @Override
    public byte[] sign(byte[] key, byte[] data) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, Arrays.equals(key, privateKey) ? parameters : new Ed25519PrivateKeyParameters(key));
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    @Override
    public void verify(byte[] publicKey, byte[] signature, byte[] data) throws VerificationError {
        Ed25519Signer verifier = new Ed25519Signer();
        try {
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey));
        }
        catch (IllegalArgumentException ex) {
            throw new VerificationError(VerificationError.Code.InvalidSignature, ex);
        }
        verifier.update(data, 0, data.length);
        if (!verifier.verifySignature(signature)) {
            throw new VerificationError(VerificationError.Code.InvalidSignature);
        }
    }

    @Override
    public KeyPair keygen() {
        throw new UnsupportedOperationException("Ed25519 keys are made by GenerateKey, not here");
    }
}
