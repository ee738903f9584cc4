/**
 * HTTP edges: security headers, rate limits, slow clients, body limits, API problems, page templates.
 */
@ApplicationModule(allowedDependencies = {
        "database",
        "i18n",
        "problem",
        "system" })
package org.certregistry.web.http;

import org.springframework.modulith.ApplicationModule;
