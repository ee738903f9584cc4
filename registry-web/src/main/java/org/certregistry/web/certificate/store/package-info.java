/**
 * Internal to the certificate module: its tables, the short-lived read cache, the twin sweeper and the issuance meter.
 * Other modules read certificates through {@link org.certregistry.web.certificate.Certificates}.
 */
package org.certregistry.web.certificate.store;
