/**
 * E-mail: the outbox, its sender, reminders and the development mailbox.
 */
@ApplicationModule(allowedDependencies = {
        "certificate",
        "database",
        "i18n",
        "problem",
        "program",
        "security",
        "system" })
package org.certregistry.web.mail;

import org.springframework.modulith.ApplicationModule;
