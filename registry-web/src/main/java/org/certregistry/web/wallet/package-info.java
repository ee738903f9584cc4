/**
 * Wallets: OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow. The holder asks for an offer on
 * the private page; the wallet reads it by reference, redeems its code with the transaction code mailed to the
 * holder, proves it holds a key and receives the certificate's credential bound to that key. Offers, access tokens
 * and nonces live in PostgreSQL, only as hashes.
 */
@ApplicationModule(allowedDependencies = {
        "certificate",
        "certificate::publicrecord",
        "holder",
        "http",
        "i18n",
        "mail",
        "problem",
        "program",
        "signing",
        "system" })
package org.certregistry.web.wallet;

import org.springframework.modulith.ApplicationModule;
