package org.certregistry.verifier.document;

import java.util.Optional;

import org.certregistry.verifier.fetch.FetchException;

/** The trusted registry's current signed credential for a certificate number (for documents that carry only a QR code). */
@FunctionalInterface
public interface CurrentCredentials {

    /** The current credential, empty when the registry has no such certificate; {@link FetchException} when it cannot be asked. */
    Optional<String> current(String certificateNumber) throws FetchException;
}
