package org.certregistry.web.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Keeps none of the tokens an identity provider hands over at a console sign-in: the registry needs only who signed
 * in ({@link ConsoleSessions} keeps that), and a token kept would be one more secret at rest, in memory of one instance.
 */
enum NoAuthorizedClients implements ServerOAuth2AuthorizedClientRepository {

    INSTANCE;

    @Override
    public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String registrationId, Authentication principal,
            ServerWebExchange exchange) {
        return Mono.empty();
    }

    @Override
    public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal, ServerWebExchange exchange) {
        return Mono.empty();
    }

    @Override
    public Mono<Void> removeAuthorizedClient(String registrationId, Authentication principal, ServerWebExchange exchange) {
        return Mono.empty();
    }
}
