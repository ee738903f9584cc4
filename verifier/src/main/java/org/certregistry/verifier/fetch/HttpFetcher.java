package org.certregistry.verifier.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Fetches over HTTP(S) with a timeout and a cap on the body size, so a hostile or broken server
 * cannot hang or flood the verifier. Follows no redirects to other schemes than http(s).
 */
public final class HttpFetcher implements Fetcher {

    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;
    private final int maxBytes;

    public HttpFetcher(HttpClient http, Clock clock, Duration timeout, int maxBytes) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    /** A fetcher with a new client: 5 s timeouts, bodies up to 1 MiB, normal redirects. */
    public static HttpFetcher standard(Clock clock) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
        return new HttpFetcher(client, clock, Duration.ofSeconds(5), 1024 * 1024);
    }

    @Override
    public Fetched fetch(URI uri, String accept) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new FetchException("refusing to fetch " + uri + ": only http(s) URLs are fetched");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new FetchException(uri + " answered HTTP " + response.statusCode(), response.statusCode());
                }
                return new Fetched(readAtMost(body, uri), clock.instant(), false);
            }
        }
        catch (IOException ex) {
            throw new FetchException("cannot reach " + uri + " (" + ex.getClass().getSimpleName()
                    + (ex.getMessage() != null ? ": " + ex.getMessage() : "") + ")", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while fetching " + uri, ex);
        }
    }

    private byte[] readAtMost(InputStream in, URI uri) throws IOException, FetchException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > maxBytes) {
                throw new FetchException(uri + " sent more than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
