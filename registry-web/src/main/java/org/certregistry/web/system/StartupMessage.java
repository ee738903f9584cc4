package org.certregistry.web.system;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Says where to open the registry once it is ready. */
@Component
class StartupMessage {

    private final RegistryProperties registry;

    StartupMessage(RegistryProperties registry) {
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void ready() {
        System.out.println();
        System.out.println("  Certificate registry is running: open " + registry.baseUrl() + "/");
        System.out.println("  Public keys: " + registry.baseUrl() + "/.well-known/jwks.json");
        System.out.println();
    }
}
