package org.certregistry.verifier.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny stand-in for the registry over real HTTP (the JDK's server): JWKS, signed status
 * lists, public records and current credentials, with request counters and a switch that takes
 * it down. Status lists are built as the registry builds them (GZIP, base64url, multibase 'u').
 */
public final class TestRegistry implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private volatile boolean down;

    public TestRegistry() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String issuerId() {
        return baseUrl() + "/issuers/cxpa";
    }

    public TestRegistry serve(String path, String body) {
        documents.put(path, body.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public TestRegistry jwks(JWK... keys) {
        return serve("/.well-known/jwks.json", TestKeys.publish(keys).toString());
    }

    public TestRegistry jwks(JWKSet keys) {
        return serve("/.well-known/jwks.json", keys.toPublicJWKSet().toString());
    }

    /** Serves list {@code id} signed by {@code key} as {@code issuerId}, with the given set bits. */
    public TestRegistry statusList(int id, JWK key, String issuerId, int... revoked) {
        return serve("/status/" + id, statusListJwt(baseUrl() + "/status/" + id, key, issuerId, "revocation", revoked));
    }

    public static String statusListJwt(String listUrl, JWK key, String issuerId, String purpose, int... revoked) {
        BitSet bits = new BitSet();
        for (int index : revoked) {
            bits.set(index);
        }
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", listUrl + "#list");
        subject.put("type", "BitstringStatusList");
        subject.put("statusPurpose", purpose);
        subject.put("encodedList", encode(bits, 131_072));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("@context", List.of("https://www.w3.org/ns/credentials/v2"));
        claims.put("id", listUrl);
        claims.put("type", List.of("VerifiableCredential", "BitstringStatusListCredential"));
        claims.put("issuer", Map.of("id", issuerId, "name", "CXPA"));
        claims.put("validFrom", "2026-01-01T00:00:00Z");
        claims.put("credentialSubject", subject);
        claims.put("iss", issuerId);
        JWSHeader header = new JWSHeader.Builder(key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
            .type(JOSEObjectType.JWT).keyID(key.getKeyID()).build();
        return TestCredentials.sign(claims, header, key);
    }

    public static String encode(BitSet set, int size) {
        byte[] bits = new byte[size / 8];
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            bits[i >>> 3] |= (byte) (0x80 >>> (i & 7));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bits);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /** Requests made for {@code path} so far. */
    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    public void down(boolean down) {
        this.down = down;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        byte[] body = down ? null : documents.get(path);
        if (down) {
            exchange.sendResponseHeaders(503, -1);
        }
        else if (body == null) {
            exchange.sendResponseHeaders(404, -1);
        }
        else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
