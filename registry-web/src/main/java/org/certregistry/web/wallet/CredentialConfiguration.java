package org.certregistry.web.wallet;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.certregistry.issuer.credential.OpenBadgeClaims;

/**
 * What a wallet may ask for ({@code credential_configurations_supported}): the certificate's Open Badges 3.0
 * credential as a VC-JWT or as its Data Integrity twin, and the certificate as an SD-JWT VC, each bound to the
 * wallet's key.
 */
public enum CredentialConfiguration {

    /** The OB 3.0 VC-JWT (VC Data Model 2.0 claims set, ES256 by default), format {@code jwt_vc_json}. */
    OPEN_BADGE_JWT("OpenBadgeCredential_jwt_vc_json", "jwt_vc_json"),

    /** The Data Integrity twin ({@code eddsa-rdfc-2022}), format {@code ldp_vc}. */
    OPEN_BADGE_LDP("OpenBadgeCredential_ldp_vc", "ldp_vc"),

    /** An SD-JWT VC ({@link SdJwtCredentials}), format {@code dc+sd-jwt}: what EU wallets take. */
    CERTIFICATE_SD_JWT("ProfessionalCertificate_dc_sd_jwt", "dc+sd-jwt");

    /** The types both forms carry. */
    public static final List<String> TYPES = List.of("VerifiableCredential", "OpenBadgeCredential");

    /** The {@code @context} both forms carry. */
    public static final List<String> CONTEXT = List.of(OpenBadgeClaims.VC_CONTEXT, OpenBadgeClaims.OB_CONTEXT);

    private final String id;
    private final String format;

    CredentialConfiguration(String id, String format) {
        this.id = id;
        this.format = format;
    }

    /** The {@code credential_configuration_id}. */
    public String id() {
        return id;
    }

    public String format() {
        return format;
    }

    public boolean sdJwt() {
        return this == CERTIFICATE_SD_JWT;
    }

    public boolean dataIntegrity() {
        return this == OPEN_BADGE_LDP;
    }

    public static Optional<CredentialConfiguration> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(CredentialConfiguration::id).toList();
    }
}
