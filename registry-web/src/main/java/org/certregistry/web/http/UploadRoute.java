package org.certregistry.web.http;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * A route that takes a file upload (a multipart body), declared as a bean by the module that owns it.
 * {@link BodyLimits} lets a multipart body through only to these routes and bounds each to its own
 * size before and while it streams; for a route that needs a signed-in user, {@link UploadGate}
 * asks {@link #signedIn} before anyone reads the body: a stranger's upload is refused unread.
 *
 * @param pattern the path as the router matches it ({@code /holder/certificates/{number}/ceus})
 * @param maxBytes the whole body: the files, the form's other fields and the multipart framing
 * @param tooLarge what the sender is told when the body is larger, in words
 * @param signedIn whether the request comes from someone allowed to upload here; null for an open route
 */
public record UploadRoute(PathPattern pattern, long maxBytes, String tooLarge, SignedIn signedIn) {

    /** Whether a request comes from a signed-in user who may upload here; answers without reading the body. */
    @FunctionalInterface
    public interface SignedIn {

        Mono<Boolean> test(ServerWebExchange exchange);
    }

    public UploadRoute {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(tooLarge, "tooLarge");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("An upload route takes at least one byte");
        }
    }

    /** The route among {@code routes} that takes a request for {@code path}, if any. */
    static Optional<UploadRoute> matching(List<UploadRoute> routes, PathContainer path) {
        return routes.stream().filter(route -> route.pattern().matches(path)).findFirst();
    }

    /** An upload anyone may send (the verification pages). */
    public static UploadRoute open(String pattern, long maxBytes, String tooLarge) {
        return new UploadRoute(PathPatternParser.defaultInstance.parse(pattern), maxBytes, tooLarge, null);
    }

    /** An upload only a signed-in user may send: the body is not read before {@code signedIn} says yes. */
    public static UploadRoute signedIn(String pattern, long maxBytes, String tooLarge, SignedIn signedIn) {
        return new UploadRoute(PathPatternParser.defaultInstance.parse(pattern), maxBytes, tooLarge,
                Objects.requireNonNull(signedIn, "signedIn"));
    }
}
