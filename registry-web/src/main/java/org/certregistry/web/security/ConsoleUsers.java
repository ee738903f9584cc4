package org.certregistry.web.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who is signed in to the console, asked before the security chain runs: an upload route
 * ({@code http/UploadRoute}) refuses a stranger's file before anyone reads it.
 */
@Component
public class ConsoleUsers {

    private final ConsoleSessions sessions;

    ConsoleUsers(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    /** Whether the request carries the console session of a signed-in ADMIN. */
    public Mono<Boolean> isAdmin(ServerWebExchange exchange) {
        return sessions.load(exchange)
            .map(context -> context.getAuthentication() != null && context.getAuthentication().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch("ROLE_ADMIN"::equals))
            .defaultIfEmpty(false);
    }
}
