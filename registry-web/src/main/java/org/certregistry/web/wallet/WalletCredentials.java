package org.certregistry.web.wallet;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.CredentialFactory;
import org.certregistry.web.system.BlockingWork;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The credential endpoint's work (OpenID4VCI 1.0 section 8), in order: the access token (else {@code invalid_token});
 * the request's shape ({@code invalid_credential_request}, {@code unknown_credential_configuration},
 * {@code invalid_proof}); the key proof ({@link KeyProofs}, off the event loop); then the nonce is taken, once
 * ({@code invalid_nonce}); the certificate must still be valid ({@code credential_request_denied}); and its current
 * window is signed bound to the proof's key ({@code credentialSubject.id} = the key's {@code did:jwk}) with the
 * registry's issuer keys ({@link CredentialFactory#signBound}), or as an SD-JWT VC with the key in {@code cnf}
 * ({@link SdJwtCredentials}). A request refused before the nonce step spends nothing.
 */
@Service
public class WalletCredentials {

    /** One issued credential: the JWT or SD-JWT (a string) or the Data Integrity credential (a JSON object), as signed. */
    public record Issued(CredentialConfiguration configuration, String credential) {
    }

    private final CredentialOffers offers;
    private final KeyProofs proofs;
    private final Nonces nonces;
    private final Certificates certificates;
    private final CredentialFactory factory;
    private final SdJwtCredentials sdJwts;
    private final BlockingWork blocking;
    private final Clock clock;

    WalletCredentials(CredentialOffers offers, KeyProofs proofs, Nonces nonces, Certificates certificates,
            CredentialFactory factory, SdJwtCredentials sdJwts, BlockingWork blocking, Clock clock) {
        this.sdJwts = sdJwts;
        this.offers = offers;
        this.proofs = proofs;
        this.nonces = nonces;
        this.certificates = certificates;
        this.factory = factory;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Answers the credential request {@code body} made with {@code accessToken} (null when the request had none). */
    public Mono<Issued> issue(String accessToken, Map<String, Object> body) {
        if (accessToken == null) {
            return Mono.error(WalletError.invalidToken("The request has no access token"));
        }
        return offers.certificateOf(accessToken)
            .switchIfEmpty(Mono.error(() -> WalletError.invalidToken("The access token is unknown or expired")))
            .flatMap(number -> {
                CredentialConfiguration configuration = configuration(body);
                String proof = proof(body);
                return blocking.run(() -> proofs.check(proof))
                    .flatMap(checked -> nonces.take(checked.nonce()).flatMap(fresh -> fresh ? Mono.just(checked)
                            : Mono.error(WalletError.of(WalletError.INVALID_NONCE,
                                    "The proof's nonce is not one we issued, was used already or expired: get a new c_nonce"))))
                    .flatMap(checked -> certificates.find(CertificateNumber.parse(number))
                        .flatMap(certificate -> {
                            if (!offers.offerable(certificate)) {
                                return Mono.error(WalletError.of(WalletError.CREDENTIAL_REQUEST_DENIED,
                                        "The certificate is no longer valid"));
                            }
                            if (configuration.sdJwt()) {
                                return sdJwts.sign(certificate, certificates.program(certificate), checked.key(),
                                        clock.instant());
                            }
                            return factory.signBound(certificate, certificates.program(certificate), checked.did(),
                                    configuration.dataIntegrity(), clock.instant());
                        })
                        .switchIfEmpty(Mono.error(() -> WalletError.of(WalletError.CREDENTIAL_REQUEST_DENIED,
                                "The certificate's window is over"))))
                    .map(credential -> new Issued(configuration, credential));
            });
    }

    private static CredentialConfiguration configuration(Map<String, Object> body) {
        if (body == null) {
            throw WalletError.of(WalletError.INVALID_CREDENTIAL_REQUEST, "The request body must be a JSON object");
        }
        if (body.get("credential_identifier") != null) {
            throw WalletError.of(WalletError.UNKNOWN_CREDENTIAL_IDENTIFIER,
                    "This issuer hands out no credential identifiers: send credential_configuration_id");
        }
        if (!(body.get("credential_configuration_id") instanceof String id)) {
            throw WalletError.of(WalletError.INVALID_CREDENTIAL_REQUEST, "The request needs credential_configuration_id");
        }
        if (body.get("credential_response_encryption") != null) {
            throw WalletError.of("invalid_encryption_parameters", "This issuer does not encrypt credential responses");
        }
        return CredentialConfiguration.byId(id).orElseThrow(() -> WalletError.of(
                WalletError.UNKNOWN_CREDENTIAL_CONFIGURATION, "Unknown credential configuration: " + id));
    }

    /** The one {@code jwt} key proof of {@code proofs} (no batch issuance: exactly one). */
    private static String proof(Map<String, Object> body) {
        if (!(body.get("proofs") instanceof Map<?, ?> proofs)) {
            throw WalletError.of(WalletError.INVALID_PROOF, "The request needs proofs: {\"jwt\": [one key proof]}");
        }
        if (proofs.size() != 1 || !(proofs.get("jwt") instanceof List<?> jwts)) {
            throw WalletError.of(WalletError.INVALID_PROOF, "proofs must hold exactly one proof type, jwt");
        }
        if (jwts.size() != 1 || !(jwts.get(0) instanceof String jwt)) {
            throw WalletError.of(WalletError.INVALID_PROOF, "proofs.jwt must hold exactly one key proof (no batch issuance)");
        }
        return jwt;
    }
}
