/**
 * Admin: the console and the admin API: issuing, cohorts, lifecycle actions, API tokens, history.
 */
@ApplicationModule(allowedDependencies = {
        "certificate",
        "certificate::ceu",
        "certificate::publicrecord",
        "ceu",
        "cluster",
        "database",
        "http",
        "i18n",
        "mail",
        "problem",
        "program",
        "security",
        "system",
        "tally" })
package org.certregistry.web.admin;

import org.springframework.modulith.ApplicationModule;
