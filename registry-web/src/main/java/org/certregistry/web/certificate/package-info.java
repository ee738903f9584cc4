/**
 * Certificates: issuance, the lifecycle (suspend, reinstate, revoke, renew), the public record and its pages.
 */
@ApplicationModule(allowedDependencies = {
        "cluster",
        "database",
        "http",
        "i18n",
        "problem",
        "program",
        "signing",
        "status",
        "system",
        "tally" })
package org.certregistry.web.certificate;

import org.springframework.modulith.ApplicationModule;
