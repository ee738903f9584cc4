package org.certregistry.web.verification;

import java.time.Clock;

import org.certregistry.verifier.registry.RegistryLookup;
import org.certregistry.verifier.registry.RegistrySource;
import org.certregistry.verifier.status.StatusLookup;
import org.certregistry.verifier.status.StatusSource;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateState;
import org.certregistry.web.certificate.CertificateWithCredential;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.system.RegistryUrls;

/** The verifier's status and registry sources, answering from one read of the registry's record. */
final class RegistrySnapshots {

    /** What the registry knows of the certificate a document names, read before the checks run. */
    sealed interface Snapshot {
        record Found(CertificateWithCredential record) implements Snapshot {
        }

        record Absent() implements Snapshot {
        }

        record Unreachable(String reason) implements Snapshot {
        }
    }

    private final RegistryUrls urls;
    private final ProgramCatalog programs;
    private final Clock clock;

    RegistrySnapshots(RegistryUrls urls, ProgramCatalog programs, Clock clock) {
        this.urls = urls;
        this.programs = programs;
        this.clock = clock;
    }

    StatusSource status(Snapshot snapshot) {
        return (issuerId, listUrl, index) -> {
            if (snapshot instanceof Snapshot.Unreachable u) {
                return new StatusLookup.Unavailable(u.reason());
            }
            if (snapshot instanceof Snapshot.Found f && listUrl.equals(urls.statusList(f.record().certificate().statusList()))
                    && index == f.record().certificate().statusIndex()) {
                // the same rows GET /status/{list} is made of, read now
                return f.record().certificate().state() == CertificateState.REVOKED ? new StatusLookup.Set(listUrl + ", read now")
                        : new StatusLookup.Clear(listUrl + ", read now");
            }
            return new StatusLookup.Invalid("the registry has no status entry " + index + " in " + listUrl
                    + " for this certificate.");
        };
    }

    RegistrySource registry(Snapshot snapshot) {
        return (number, credentialId, validFrom) -> {
            if (snapshot instanceof Snapshot.Unreachable u) {
                return new RegistryLookup.Unavailable(u.reason());
            }
            if (!(snapshot instanceof Snapshot.Found f) || !f.record().certificate().number().equals(number)) {
                return new RegistryLookup.Unknown();
            }
            Certificate c = f.record().certificate();
            if (c.state() == CertificateState.REVOKED) {
                return new RegistryLookup.Revoked(null);
            }
            if (c.state() == CertificateState.SUSPENDED) {
                return new RegistryLookup.Suspended(null);
            }
            if (validFrom == null || validFrom.isBefore(c.validFrom())) {
                return new RegistryLookup.Superseded(urls.verificationPage(c.number()));
            }
            return lapsed(c) ? new RegistryLookup.Lapsed() : new RegistryLookup.Current();
        };
    }

    /** Past its window and the program's grace period; a certificate of a program no longer configured has none. */
    private boolean lapsed(Certificate c) {
        return programs.find(c.programCode())
            .map(program -> c.publicStatus(clock.instant(), program.renewal().gracePeriod()) == PublicStatus.LAPSED)
            .orElse(false);
    }
}
