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
        // what is found is kept and fails the tests, not thrown from the blocking call (see BlockingCalls)
        builder.blockingMethodCallback(BlockingCalls::found);
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
            .allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary")
            // Cancelling a timer (a timeout, a lease renewal's interval) takes it off its scheduler's queue under that
            // queue's lock, held for nanoseconds; Reactor allows offer and take on that queue but not remove. Under
            // contention BlockHound threw from inside the lock's acquire, which left the lock wedged: every timer of that
            // parallel worker hung from then on, and later tests in the JVM timed out or hung (closing note, stop 17).
            .allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "remove");
    }
}
