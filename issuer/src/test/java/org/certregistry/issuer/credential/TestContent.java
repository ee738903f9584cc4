package org.certregistry.issuer.credential;

import java.time.Instant;

/** A credential's content as the registry fills it, for tests. */
final class TestContent {

    private TestContent() {
    }

    static CredentialContent ccxp() {
        String base = "https://registry.example";
        return new CredentialContent(base + "/credentials/5b0c1f0e-8f7a-4b8e-9d7a-0c3c7c1e2f11",
                new IssuerProfile(base + "/issuers/cxpa", "Customer Experience Professionals Association (CXPA)"),
                new Achievement(base + "/achievements/ccxp", "Certified Customer Experience Professional (CCXP)",
                        "Recognises CX professionals.", "Passed the CCXP examination."),
                base + "/holders/0e1d2c3b-4a59-6877-8695-a4b3c2d1e0f9", "Zoë Ångström-Παπαδοπούλου", "Zoe@Example.org",
                "9f86d081884c7d65", "CCXP-7QK-2MP-X4D", Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2028-03-01T00:00:00Z"),
                new StatusEntry(base + "/status/1", 4242));
    }
}
