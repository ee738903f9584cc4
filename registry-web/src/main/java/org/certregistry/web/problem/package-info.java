/**
 * Errors as types: RFC 9457 problem details every module's errors extend.
 */
@ApplicationModule(allowedDependencies = {})
package org.certregistry.web.problem;

import org.springframework.modulith.ApplicationModule;
