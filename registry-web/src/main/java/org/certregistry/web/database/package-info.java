/**
 * The database: connections, the deadline on every statement, the embedded PostgreSQL of the one-command start.
 */
@ApplicationModule(allowedDependencies = {
        "problem" })
package org.certregistry.web.database;

import org.springframework.modulith.ApplicationModule;
