package org.certregistry.web.certificate;

import org.certregistry.web.cluster.SharedEvent;

/**
 * Published once a change to a certificate is committed. Caches of certificate reads listen to
 * it; across instances it travels on the database's notifications (docs/architecture.md).
 */
public record CertificateChanged(String number) implements SharedEvent {
}
