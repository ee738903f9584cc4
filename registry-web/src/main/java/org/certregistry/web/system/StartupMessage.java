package org.certregistry.web.system;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Says where to open the registry once it is ready. */
@Component
class StartupMessage {

    private final RegistryUrls urls;

    StartupMessage(RegistryUrls urls) {
        this.urls = urls;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void ready() {
        System.out.println();
        System.out.println("  Certificate registry is running: open " + urls.home());
        System.out.println("  Public keys: " + urls.jwks());
        System.out.println();
    }
}
