package org.certregistry.web.http;

import java.util.List;

import org.springframework.http.MediaType;

/**
 * The two forms the registry serves signed documents in (credentials, status lists), chosen by
 * the request's {@code Accept}: the VC-JWT for {@code application/jwt}, {@code application/vc+jwt},
 * {@code text/plain}, wildcards or nothing (what our verifier and npm {@code jose} read, and what
 * was served before the twin); the Data Integrity JSON for {@code application/ld+json} or
 * {@code application/json} (what the DCC verifier asks for).
 */
public final class CredentialMediaTypes {

    public static final MediaType JWT = MediaType.parseMediaType("application/jwt");
    public static final MediaType LD_JSON = MediaType.parseMediaType("application/ld+json");
    private static final List<MediaType> JWT_TYPES = List.of(JWT, MediaType.parseMediaType("application/vc+jwt"),
            MediaType.TEXT_PLAIN);
    private static final List<MediaType> JSON_TYPES = List.of(LD_JSON, MediaType.APPLICATION_JSON);

    private CredentialMediaTypes() {
    }

    /** Whether the first concrete type the client names (by quality) asks for JSON-LD or JSON. */
    public static boolean wantsJson(String accept) {
        List<MediaType> accepted;
        try {
            accepted = accept == null || accept.isBlank() ? List.of() : MediaType.parseMediaTypes(accept);
        }
        catch (RuntimeException ex) {
            return false;
        }
        List<MediaType> byQuality = accepted.stream()
            .sorted((a, b) -> Double.compare(b.getQualityValue(), a.getQualityValue())).toList();
        for (MediaType type : byQuality) {
            if (JWT_TYPES.stream().anyMatch(t -> t.equalsTypeAndSubtype(type))) {
                return false;
            }
            if (JSON_TYPES.stream().anyMatch(t -> t.equalsTypeAndSubtype(type))) {
                return true;
            }
        }
        return false;
    }
}
