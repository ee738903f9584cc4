/**
 * The holder area: sign-in by e-mailed link, private pages, documents, CEUs and renewal.
 */
@ApplicationModule(allowedDependencies = {
        "certificate",
        "certificate::ceu",
        "certificate::publicrecord",
        "ceu",
        "http",
        "i18n",
        "mail",
        "problem",
        "program",
        "system",
        "tally" })
package org.certregistry.web.holder;

import org.springframework.modulith.ApplicationModule;
