package org.certregistry.web.problem;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * Writes a problem detail straight to the response, for the filters and security handlers that
 * answer before any controller runs (and so before {@code ApiProblems}). Same members, same
 * escaping as the controllers' problems.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /**
     * The problem as a short page for a browser ({@link #wantsPage}), else as a problem detail.
     */
    public static Mono<Void> writeForClient(ServerWebExchange exchange, ProblemDetail problem) {
        return writeForClient(exchange.getRequest(), exchange.getResponse(), problem);
    }

    /** The same, before there is an exchange (an {@code HttpHandler} decorator). */
    public static Mono<Void> writeForClient(ServerHttpRequest request, ServerHttpResponse response, ProblemDetail problem) {
        if (!wantsPage(request)) {
            return write(response, problem);
        }
        response.setRawStatusCode(problem.getStatus());
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        String title = HtmlUtils.htmlEscape(String.valueOf(problem.getTitle()), "UTF-8");
        String body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"/><title>" + title + " · Certificate Registry</title>"
                + "<link rel=\"stylesheet\" href=\"/css/registry.css\"/></head><body><main><h1>" + title + "</h1><p>"
                + HtmlUtils.htmlEscape(String.valueOf(problem.getDetail()), "UTF-8")
                + "</p><p><a href=\"/\">Back to the registry</a></p></main></body></html>";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Whether an error should reach this client as a page rather than a problem detail: a browser, that is a client
     * that names HTML in Accept ({@code text/html} or {@code application/xhtml+xml}, not a wildcard) and ranks it
     * above any JSON, outside the API. {@code /api/**}, clients that ask for JSON or problem+json (a tie goes to
     * JSON), and those that send no Accept or only wildcards get RFC 9457 JSON.
     */
    public static boolean wantsPage(ServerHttpRequest request) {
        if (request.getPath().pathWithinApplication().value().startsWith("/api/")) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = request.getHeaders().getAccept();
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
        double html = 0;
        double json = 0;
        for (MediaType type : accepted) {
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                continue;
            }
            if (type.equalsTypeAndSubtype(MediaType.TEXT_HTML) || type.equalsTypeAndSubtype(MediaType.APPLICATION_XHTML_XML)) {
                html = Math.max(html, type.getQualityValue());
            }
            else if (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return html > json;
    }

    public static Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        return write(exchange.getResponse(), problem);
    }

    private static Mono<Void> write(ServerHttpResponse response, ProblemDetail problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", String.valueOf(problem.getType()));
        json.put("title", problem.getTitle());
        json.put("status", problem.getStatus());
        json.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            json.putAll(problem.getProperties());
        }
        response.setRawStatusCode(problem.getStatus());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
