package org.certregistry.web.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;

/**
 * What BlockHound found blocking a non-blocking thread, kept rather than thrown; every test from the first one on
 * fails with it (an extension of every test, listed in this module's test resources).
 *
 * BlockHound's own answer is to throw from the blocking call. When that call is a contended lock's park, the error
 * leaves Java 17's lock with a waiter that never returns: the lock stays wedged for the life of the JVM, and every test
 * after it that touches the lock hangs or times out, far from the cause (a parallel scheduler's timer queue, stop 17).
 * Kept here, the call goes on, nothing is wedged, and the build still fails, naming where the call was made.
 */
public final class BlockingCalls implements AfterEachCallback {

    private static final Logger log = LoggerFactory.getLogger(BlockingCalls.class);
    private static final Queue<BlockingOperationError> FOUND = new ConcurrentLinkedQueue<>();

    /** BlockHound's callback: keeps the call, with the stack that made it. */
    static void found(BlockingMethod method) {
        BlockingOperationError error = new BlockingOperationError(method);
        if (FOUND.isEmpty()) {
            log.error("Blocking call on a non-blocking thread (every test from here on fails)", error);
        }
        FOUND.add(error);
    }

    /** Takes what was found so far: for the test that checks BlockHound is on, and nothing else. */
    public static List<BlockingOperationError> drain() {
        List<BlockingOperationError> found = new ArrayList<>();
        for (BlockingOperationError error; (error = FOUND.poll()) != null; ) {
            found.add(error);
        }
        return found;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        BlockingOperationError first = FOUND.peek();
        if (first != null) {
            throw new AssertionError("BlockHound: " + FOUND.size() + " blocking call(s) on a non-blocking thread in this JVM, "
                    + "first: " + first.getMessage(), first);
        }
    }
}
