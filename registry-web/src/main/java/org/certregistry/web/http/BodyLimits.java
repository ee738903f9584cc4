package org.certregistry.web.http;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.certregistry.web.problem.BodyTooLargeException;
import org.certregistry.web.problem.Problem;
import org.certregistry.web.problem.ProblemResponses;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds every request body before anything reads it (Spring Security's CSRF check reads a form,
 * multipart included, before any controller or sign-in check runs; the exchange caches the form
 * from the request it was made with, so the bound is put on the request before there is an
 * exchange), so a stranger's body costs little and nothing spills to disk that no one asked for:
 * <ul>
 * <li>a multipart body is taken only by an {@link UploadRoute}; anywhere else it is a 415, unread;</li>
 * <li>each body has its limit (an upload route's own; {@value #FORM_LIMIT} bytes for a page's plain
 * form), checked against {@code Content-Length} before reading and counted while it streams
 * (a chunked body has no length): past it, a 413 with the reason, never a stack trace
 * ({@link TooLargeBodies});</li>
 * <li>an upload route needing a signed-in user asks first ({@link UploadGate}): a stranger's
 * upload is a 403, unread.</li>
 * </ul>
 * The API's own bodies ({@code /api/**}: JSON, CSV, JWTs, documents) keep their limits
 * ({@code spring.http.codecs.max-in-memory-size} and the controllers'); only multipart is checked
 * there. Paths are matched as the router matches them (decoded, without matrix parameters).
 */
@Component
class BodyLimits implements HttpHandlerDecoratorFactory {

    /** A page's plain form: reasons, names, addresses, a CEU's description; far under this. */
    static final long FORM_LIMIT = 64 * 1024;

    private final List<UploadRoute> uploads;

    BodyLimits(List<UploadRoute> uploads) {
        this.uploads = List.copyOf(uploads);
    }

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> {
            if (!hasBody(request.getMethod())) {
                return handler.handle(request, response);
            }
            PathContainer path = request.getPath().pathWithinApplication();
            Optional<UploadRoute> upload = UploadRoute.matching(uploads, path);
            if (upload.isEmpty() && multipart(request)) {
                return refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "no-upload-here", "No upload here",
                        "This address takes no file upload.");
            }
            if (upload.isEmpty() && path.value().startsWith("/api/")) {
                return handler.handle(request, response);
            }
            long limit = upload.map(UploadRoute::maxBytes).orElse(FORM_LIMIT);
            String tooLarge = upload.map(UploadRoute::tooLarge).orElse("A form sends at most 64 KB.");
            if (request.getHeaders().getContentLength() > limit) {
                return refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large", tooLarge);
            }
            return handler.handle(bounded(request, limit, tooLarge), response);
        };
    }

    private static boolean hasBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private static boolean multipart(ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        return type != null && "multipart".equalsIgnoreCase(type.getType());
    }

    /** The request whose body ends in a {@link BodyTooLargeException} once more than {@code limit} bytes have come. */
    private static ServerHttpRequest bounded(ServerHttpRequest request, long limit, String tooLarge) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> {
                    AtomicLong seen = new AtomicLong();
                    return super.getBody().handle((buffer, sink) -> {
                        if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                            DataBufferUtils.release(buffer);
                            sink.error(new BodyTooLargeException(tooLarge));
                        }
                        else {
                            sink.next(buffer);
                        }
                    });
                });
            }
        };
    }

    static Mono<Void> refuse(ServerHttpRequest request, ServerHttpResponse response, HttpStatus status, String type,
            String title, String detail) {
        // the body is left unread (the server drops what still comes, without keeping it)
        return ProblemResponses.writeForClient(request, response, Problem.detail(status, type, title, detail));
    }
}
