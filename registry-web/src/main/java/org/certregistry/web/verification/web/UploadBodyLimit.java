package org.certregistry.web.verification.web;

import java.util.concurrent.atomic.AtomicLong;

import org.certregistry.web.system.BodyTooLargeException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;

/**
 * Bounds the body of {@code POST /verify} while it streams in, whatever {@code Content-Length}
 * or {@code Transfer-Encoding} say: past the limit the body ends in a
 * {@link BodyTooLargeException} (413 with the page's words), so a chunked upload cannot spill
 * parts to disk beyond it. It wraps the request before anything reads it (Spring Security's
 * CSRF check reads the multipart form first). The path is matched as the router matches it
 * (decoded, without matrix parameters), so {@code /%76erify} is bounded too.
 */
@Component
class UploadBodyLimit implements HttpHandlerDecoratorFactory {

    /** The document plus the form's other fields and multipart framing. */
    static final long MAX_BODY = VerifyPageController.MAX_UPLOAD + 64 * 1024;

    /** Said when the body is cut before the page could answer (TooLargeBodies); the page words its own refusal. */
    static final String TOO_LARGE = "The file is larger than 5 MB. A certificate PDF or a photo of its QR code is much smaller: "
            + "try a smaller photo, or paste the signed credential instead.";

    private static final PathPattern VERIFY = PathPatternParser.defaultInstance.parse("/verify");

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> handler.handle(bounded(request), response);
    }

    static ServerHttpRequest bounded(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.POST || !VERIFY.matches(request.getPath().pathWithinApplication())) {
            return request;
        }
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> {
                    AtomicLong seen = new AtomicLong();
                    return super.getBody().handle((buffer, sink) -> {
                        if (seen.addAndGet(buffer.readableByteCount()) > MAX_BODY) {
                            DataBufferUtils.release(buffer);
                            sink.error(new BodyTooLargeException(TOO_LARGE));
                        }
                        else {
                            sink.next(buffer);
                        }
                    });
                });
            }
        };
    }
}
