/**
 * Continuing education units: submissions, review, renewal requests.
 */
@ApplicationModule(allowedDependencies = {
        "certificate",
        "certificate::ceu",
        "mail",
        "problem",
        "program",
        "system" })
package org.certregistry.web.ceu;

import org.springframework.modulith.ApplicationModule;
