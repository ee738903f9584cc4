package org.certregistry.web.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound may let pass on an event loop during tests: only calls that are not the
 * application's blocking work (test infrastructure, logging to the console).
 */
public final class BlockingAllowances implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
            .allowBlockingCallsInside("org.springframework.test.web.reactive.server.WiretapConnector", "connect")
            // Spring Security masks each CSRF token with SecureRandom bytes (a buffered /dev/urandom read) inline
            .allowBlockingCallsInside("org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler",
                    "createXoredCsrfToken")
            // hands a document to the decoder's own executor: a queue lock held for nanoseconds, never a wait for work
            .allowBlockingCallsInside("org.certregistry.verifier.document.DocumentDecoder", "decode")
            // Jackson builds a type's deserializer once under a lock; concurrent first requests wait on it briefly
            .allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer")
            // the test client draws a multipart boundary from SecureRandom when a test posts a form with a file
            .allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary");
    }
}
