/**
 * The public face of a certificate: the record and timeline anyone may read, and the directory search over listed holders.
 */
@NamedInterface("publicrecord")
package org.certregistry.web.certificate.publicrecord;

import org.springframework.modulith.NamedInterface;
