package org.certregistry.web.holder;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.HolderAddresses;
import org.springframework.http.HttpCookie;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who is signed in to the holder area, for pages of other modules under {@code /holder/**} (the session cookie's path):
 * the signed-in holder's certificate with a number, or nothing.
 */
@Service
public class SignedInHolders {

    /** The holder area's session cookie (path {@code /holder}). */
    public static final String COOKIE = "holder_session";

    private final HolderSignIn signIn;
    private final HolderAddresses addresses;

    SignedInHolders(HolderSignIn signIn, HolderAddresses addresses) {
        this.signIn = signIn;
        this.addresses = addresses;
    }

    /** The signed-in holder's certificate with this number; empty if nobody is signed in or it is not theirs. */
    public Mono<Certificate> certificate(ServerWebExchange exchange, String number) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Mono.empty();
        }
        return signIn.session(cookie.getValue()).flatMapMany(addresses::certificatesOf)
            .filter(c -> c.number().equals(number)).next();
    }
}
