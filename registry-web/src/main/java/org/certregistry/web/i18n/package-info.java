/**
 * Languages: which are offered, the reader's choice, the message bundles and the language menu.
 */
@ApplicationModule(allowedDependencies = {
        "system" })
package org.certregistry.web.i18n;

import org.springframework.modulith.ApplicationModule;
