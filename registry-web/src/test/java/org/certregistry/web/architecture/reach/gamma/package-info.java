@ApplicationModule(allowedDependencies = {})
package org.certregistry.web.architecture.reach.gamma;

import org.springframework.modulith.ApplicationModule;
