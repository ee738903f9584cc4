/**
 * Issuer profiles (OB 3.0 Profile) and their pages.
 */
@ApplicationModule(allowedDependencies = {
        "certificate",
        "problem",
        "program",
        "signing",
        "system" })
package org.certregistry.web.issuers;

import org.springframework.modulith.ApplicationModule;
