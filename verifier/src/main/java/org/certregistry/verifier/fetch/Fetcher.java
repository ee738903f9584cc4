package org.certregistry.verifier.fetch;

import java.net.URI;

/** Fetches issuer documents by URL: over HTTP(S), through a cache, or from the cache alone (offline). */
public interface Fetcher {

    /** The document at {@code uri}; {@link FetchException} when it cannot be had. Returns 404 as an exception too. */
    Fetched fetch(URI uri, String accept) throws FetchException;
}
