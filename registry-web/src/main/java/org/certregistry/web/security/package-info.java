/**
 * Security: the filter chains, password logins and their throttle, console sessions, API tokens.
 */
@ApplicationModule(allowedDependencies = {
        "database",
        "http",
        "problem",
        "signing",
        "system" })
package org.certregistry.web.security;

import org.springframework.modulith.ApplicationModule;
