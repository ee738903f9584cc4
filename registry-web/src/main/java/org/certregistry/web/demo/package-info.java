/**
 * Demo data for the embedded development default.
 */
@ApplicationModule(allowedDependencies = {
        "certificate",
        "database",
        "program",
        "system" })
package org.certregistry.web.demo;

import org.springframework.modulith.ApplicationModule;
