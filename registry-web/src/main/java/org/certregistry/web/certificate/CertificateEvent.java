package org.certregistry.web.certificate;

import java.time.Instant;
import java.util.UUID;

/** One entry of a certificate's history: who did what, when, why, and the state before and after. Append-only. */
public record CertificateEvent(UUID certificateId, Instant at, String actor, CertificateAction action, String reason, String before,
        String after) {
}
