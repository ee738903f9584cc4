/**
 * The public directory: search across scripts and the home page.
 */
@ApplicationModule(allowedDependencies = {
        "certificate",
        "certificate::publicrecord",
        "http",
        "problem",
        "program" })
package org.certregistry.web.registry;

import org.springframework.modulith.ApplicationModule;
