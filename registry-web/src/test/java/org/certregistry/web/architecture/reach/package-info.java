/**
 * Three modules made to break the rules, so {@code ModularityTest} shows the module check fails on a
 * reach into another module's internals and on a dependency its {@code package-info} does not allow.
 */
package org.certregistry.web.architecture.reach;
