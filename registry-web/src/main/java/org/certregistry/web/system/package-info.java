/**
 * The application's settings, public URLs, clock, the blocking-work scheduler and the startup message.
 */
@ApplicationModule(allowedDependencies = {})
package org.certregistry.web.system;

import org.springframework.modulith.ApplicationModule;
