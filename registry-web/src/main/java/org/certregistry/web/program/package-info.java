/**
 * Programs (CCXP, CXSP) and their renewal rules.
 */
@ApplicationModule(allowedDependencies = {})
package org.certregistry.web.program;

import org.springframework.modulith.ApplicationModule;
