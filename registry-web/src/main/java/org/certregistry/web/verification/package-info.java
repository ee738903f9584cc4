/**
 * Verification: credentials, PDFs and batches checked, the report and its pages.
 */
@ApplicationModule(allowedDependencies = {
        "certificate",
        "database",
        "http",
        "i18n",
        "problem",
        "program",
        "signing",
        "system",
        "tally" })
package org.certregistry.web.verification;

import org.springframework.modulith.ApplicationModule;
