package org.certregistry.web.admin;

import java.time.Instant;
import java.util.Set;

import org.certregistry.web.certificate.CertificateState;
import org.certregistry.web.certificate.PublicStatus;

/**
 * A certificate as admins and auditors see it: e-mail, state reason and version included, and
 * the actions its state allows.
 *
 * @param version what to send back as {@code If-Match} so a concurrent change is not overwritten
 */
public record AdminCertificate(String number, String program, String programName, String holderName, String holderEmail,
        boolean listed, CertificateState state, PublicStatus status, boolean expiringSoon, String stateReason,
        Instant awardedAt, Instant validFrom, Instant validUntil, int version, int credentialVersion,
        Set<String> allowedActions, String verificationUrl) {
}
