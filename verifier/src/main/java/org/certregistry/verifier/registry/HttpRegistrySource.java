package org.certregistry.verifier.registry;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.verifier.fetch.FetchException;
import org.certregistry.verifier.fetch.Fetched;
import org.certregistry.verifier.fetch.Fetcher;

/**
 * Asks the issuing registry's public API, {@code GET {base}/api/v1/certificates/{number}}, for a
 * certificate's current state and current version, and {@code .../credential} for its current
 * signed credential. Answers are never cached: suspension and renewal must show at once. The
 * base URL is configured by the relying party, never taken from a presented document.
 */
public final class HttpRegistrySource implements RegistrySource {

    private final String baseUrl;
    private final Fetcher fetcher;

    public HttpRegistrySource(String baseUrl, Fetcher fetcher) {
        this.baseUrl = stripSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    @Override
    public RegistryLookup lookup(String certificateNumber, String credentialId, Instant validFrom) {
        if (certificateNumber == null || !certificateNumber.matches("[A-Za-z0-9-]{1,40}")) {
            return new RegistryLookup.Unknown();
        }
        Map<String, Object> record;
        try {
            Fetched fetched = fetcher.fetch(URI.create(baseUrl + "/api/v1/certificates/" + encode(certificateNumber)),
                    "application/json");
            record = JSONObjectUtils.parse(new String(fetched.body(), StandardCharsets.UTF_8));
        }
        catch (FetchException ex) {
            if (ex.status() == 404) {
                return new RegistryLookup.Unknown();
            }
            return new RegistryLookup.Unavailable(ex.getMessage());
        }
        catch (ParseException ex) {
            return new RegistryLookup.Unavailable("the registry's answer is not JSON");
        }
        Object status = record.get("status");
        String page = record.get("verificationUrl") instanceof String s ? s : baseUrl + "/v/" + certificateNumber;
        if ("REVOKED".equals(status)) {
            return new RegistryLookup.Revoked(null);
        }
        if ("SUSPENDED".equals(status)) {
            return new RegistryLookup.Suspended(null);
        }
        if (!"VALID".equals(status) && !"EXPIRED".equals(status) && !"LAPSED".equals(status)) {
            return new RegistryLookup.Unavailable("the registry answered an unknown status " + status);
        }
        Instant current;
        try {
            current = Instant.parse(String.valueOf(record.get("validFrom")));
        }
        catch (RuntimeException ex) {
            return new RegistryLookup.Unavailable("the registry's answer has no validFrom");
        }
        if (validFrom == null || validFrom.isBefore(current)) {
            return new RegistryLookup.Superseded(page);
        }
        return "LAPSED".equals(status) ? new RegistryLookup.Lapsed() : new RegistryLookup.Current();
    }

    /** The current signed credential of the certificate with this number, if the registry has one. */
    public Optional<String> currentCredential(String certificateNumber) throws FetchException {
        if (certificateNumber == null || !certificateNumber.matches("[A-Za-z0-9-]{1,40}")) {
            return Optional.empty();
        }
        try {
            Fetched fetched = fetcher.fetch(URI.create(baseUrl + "/api/v1/certificates/" + encode(certificateNumber)
                    + "/credential"), "application/jwt, application/vc+jwt");
            return Optional.of(new String(fetched.body(), StandardCharsets.US_ASCII).strip());
        }
        catch (FetchException ex) {
            if (ex.status() == 404) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
