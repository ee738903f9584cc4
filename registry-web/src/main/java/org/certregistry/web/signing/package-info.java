/**
 * Signing keys: the JWKS, key documents and rotation.
 */
@ApplicationModule(allowedDependencies = {
        "system" })
package org.certregistry.web.signing;

import org.springframework.modulith.ApplicationModule;
