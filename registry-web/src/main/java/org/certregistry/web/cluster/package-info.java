/**
 * Cluster events: changes reach every instance through PostgreSQL LISTEN/NOTIFY.
 */
@ApplicationModule(allowedDependencies = {})
package org.certregistry.web.cluster;

import org.springframework.modulith.ApplicationModule;
