package org.certregistry.web.holder.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.HolderAddresses;
import org.certregistry.web.holder.HolderSignIn;
import org.certregistry.web.holder.SignInProperties;
import org.certregistry.web.i18n.Languages;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The holder area's session cookie: who is signed in, and whether a certificate is theirs. A signed-in holder who
 * picks a language with the switcher ({@code ?lang=xx}) gets their e-mails in it from then on.
 */
@Component
class HolderSession {

    static final String COOKIE = org.certregistry.web.holder.SignedInHolders.COOKIE;

    private final HolderSignIn signIn;
    private final HolderAddresses addresses;
    private final SignInProperties properties;
    private final Languages languages;
    private final boolean secure;

    HolderSession(HolderSignIn signIn, HolderAddresses addresses, SignInProperties properties, Languages languages,
            RegistryUrls urls) {
        this.signIn = signIn;
        this.addresses = addresses;
        this.properties = properties;
        this.languages = languages;
        this.secure = urls.base().startsWith("https://");
    }

    /** The signed-in address, or empty; a language chosen on this request ({@code ?lang=xx}) is remembered for it. */
    Mono<String> email(ServerWebExchange exchange) {
        String token = token(exchange);
        return token == null ? Mono.empty() : signIn.session(token)
            .flatMap(email -> chosenLanguage(exchange).map(language -> addresses.rememberLanguage(email, language))
                .orElse(Mono.empty()).thenReturn(email));
    }

    /** The language the reader switched to with this request, if it is one the registry offers. */
    Optional<Locale> chosenLanguage(ServerWebExchange exchange) {
        return languages.find(exchange.getRequest().getQueryParams().getFirst("lang"));
    }

    /** The signed-in holder's certificate with this number, or empty if nobody is signed in or it is not theirs. */
    Mono<Certificate> own(ServerWebExchange exchange, String number) {
        return email(exchange).flatMapMany(addresses::certificatesOf).filter(c -> c.number().equals(number)).next();
    }

    void start(ServerWebExchange exchange, String token) {
        exchange.getResponse().addCookie(cookie(token, properties.sessionLifetime()));
    }

    Mono<Void> end(ServerWebExchange exchange) {
        String token = token(exchange);
        exchange.getResponse().addCookie(cookie("", Duration.ZERO));
        return token == null ? Mono.empty() : signIn.signOut(token);
    }

    private static String token(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    private ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).path("/holder").httpOnly(true).secure(secure).sameSite("Lax")
            .maxAge(maxAge).build();
    }
}
