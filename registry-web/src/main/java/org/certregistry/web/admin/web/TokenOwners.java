package org.certregistry.web.admin.web;

import java.security.Principal;

import org.certregistry.web.admin.TokenManagementRefusedException;
import reactor.core.publisher.Mono;

/** Who may manage API tokens: a person signed in with a password, not another token. */
final class TokenOwners {

    private TokenOwners() {
    }

    static Mono<Void> person(Principal user) {
        return user.getName().startsWith("token:") ? Mono.error(new TokenManagementRefusedException()) : Mono.empty();
    }
}
