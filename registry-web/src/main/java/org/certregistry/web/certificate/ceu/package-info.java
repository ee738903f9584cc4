/**
 * The continuing-education units recorded against a certificate's cycle, which its renewal is assessed on.
 */
@NamedInterface("ceu")
package org.certregistry.web.certificate.ceu;

import org.springframework.modulith.NamedInterface;
