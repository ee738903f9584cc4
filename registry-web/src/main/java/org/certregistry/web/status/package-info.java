/**
 * Status lists (W3C Bitstring Status List): revocation and suspension bits, signed lists.
 */
@ApplicationModule(allowedDependencies = {
        "cluster",
        "database",
        "http",
        "program",
        "signing",
        "system" })
package org.certregistry.web.status;

import org.springframework.modulith.ApplicationModule;
