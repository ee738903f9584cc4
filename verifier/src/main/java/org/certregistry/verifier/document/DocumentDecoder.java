package org.certregistry.verifier.document;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads untrusted documents on a small executor of its own, for a server: a fixed number of
 * threads, a bounded queue, and a hard deadline per document counted from when it was handed in.
 * The answer never waits longer than the deadline, even if a decoder is stuck in a step it cannot
 * leave (the work is also cancelled: interrupted, and stopped at the next cooperative check). When
 * the queue is full the answer is {@link Outcome.Busy} at once, so a flood of documents costs
 * the server a bounded number of threads and never a waiting caller. {@link #decode} does not
 * block and is safe to call from an event loop.
 */
public final class DocumentDecoder implements AutoCloseable {

    /** What reading a document came to. */
    public sealed interface Outcome {
        /** The document was read (it may still fail verification). */
        record Read(ReadDocument document) implements Outcome {
        }

        /** The document could not be read: what it is, over a limit, or past the deadline. */
        record Unreadable(ReadDocument.Kind kind, ReadDocument.Cause cause, String reason) implements Outcome {
        }

        /** Every decoding thread is busy and the queue is full; nothing was done. Try again later. */
        record Busy() implements Outcome {
            public String reason() {
                return "The verifier is busy reading other documents; try again shortly.";
            }
        }

        /** The same outcome as a {@link ReadDocument}, for callers that take one (busy counts as over a limit). */
        default ReadDocument document() {
            if (this instanceof Read read) {
                return read.document();
            }
            if (this instanceof Unreadable u) {
                return ReadDocument.unreadable(u.kind(), u.cause(), u.reason());
            }
            return ReadDocument.unreadable(ReadDocument.Kind.UNKNOWN, ReadDocument.Cause.OVER_LIMIT, ((Busy) this).reason());
        }
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final DocumentReader reader;
    private final ThreadPoolExecutor executor;

    /**
     * @param limits the limits each document is read within, its deadline included
     * @param threads how many documents are read at once (at most the cores you give to it)
     * @param queue how many more may wait; beyond that the answer is {@link Outcome.Busy}
     */
    public DocumentDecoder(DocumentLimits limits, int threads, int queue) {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("at least one thread, and a queue of zero or more");
        }
        this.reader = new DocumentReader(Objects.requireNonNull(limits, "limits"));
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread t = new Thread(task, "document-decoder-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true); // a stuck decoding must not keep the JVM (or the command line) alive
            return t;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue), factory,
                new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true); // idle decoders cost nothing
    }

    public DocumentLimits limits() {
        return reader.limits();
    }

    /**
     * Reads the document on the decoder's threads. The future completes within the deadline (with
     * {@link Outcome.Unreadable} and {@link ReadDocument.Cause#DEADLINE} if reading takes longer),
     * at once with {@link Outcome.Busy} when the queue is full, and never exceptionally.
     */
    public CompletableFuture<Outcome> decode(byte[] document) {
        Deadline deadline = Deadline.after(limits().deadline());
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        Future<?> work;
        try {
            work = executor.submit(() -> answer.complete(readWithin(document, deadline)));
        }
        catch (RejectedExecutionException ex) {
            return CompletableFuture.completedFuture(new Outcome.Busy());
        }
        answer.completeOnTimeout(new Outcome.Unreadable(ReadDocument.Kind.UNKNOWN, ReadDocument.Cause.DEADLINE,
                Deadline.message(limits().deadline())), limits().deadline().toNanos(), TimeUnit.NANOSECONDS);
        // past the deadline (or answered), stop the work: a queued task never starts, a running one is
        // interrupted, which its next deadline check sees
        answer.whenComplete((outcome, failure) -> work.cancel(true));
        return answer;
    }

    /** Reads the document and waits for the outcome: at most the deadline (for the command line). */
    public Outcome decodeAndWait(byte[] document) {
        return decode(document).join();
    }

    private Outcome readWithin(byte[] document, Deadline deadline) {
        try {
            ReadDocument read = reader.read(document, deadline);
            return read.readable() ? new Outcome.Read(read) : new Outcome.Unreadable(read.kind(), read.cause(), read.problem());
        }
        catch (RuntimeException | OutOfMemoryError | StackOverflowError ex) {
            return new Outcome.Unreadable(ReadDocument.Kind.UNKNOWN, ReadDocument.Cause.NOT_A_CERTIFICATE,
                    "The document could not be read.");
        }
    }

    /** Stops the threads; documents still queued or being read are answered as past their deadline. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
