/**
 * Verification tallies: how often a certificate was verified, by channel and month.
 */
@ApplicationModule(allowedDependencies = {})
package org.certregistry.web.tally;

import org.springframework.modulith.ApplicationModule;
