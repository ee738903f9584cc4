package org.certregistry.web.database;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * How long a public request waits for the database. A frozen or unreachable PostgreSQL never
 * answers, and neither the pool nor the server's {@code statement_timeout} can end a query the
 * server is not running, so the deadline is kept here, on the client side: past it (or on any
 * connection fault) the read fails as {@link DatabaseUnavailableException}, a 503 the client may
 * retry, instead of a request that hangs until the client gives up.
 */
@Component
public class DatabaseDeadline {

    private final Duration deadline;

    public DatabaseDeadline(DatabaseProperties properties) {
        this.deadline = properties.deadline();
    }

    public Duration duration() {
        return deadline;
    }

    /** The read, within the deadline; a timeout or connection fault becomes {@link DatabaseUnavailableException}. */
    public <T> Mono<T> bound(Mono<T> read) {
        return read.timeout(deadline).onErrorMap(DatabaseDeadline::isFault, DatabaseUnavailableException::new);
    }

    /**
     * Whether the error, or one of its causes, says the database could not be reached or did not
     * answer in time (as opposed to a bug, bad data, or a lock conflict that has its own answer).
     */
    public static boolean isFault(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof DataAccessResourceFailureException
                    || t instanceof QueryTimeoutException || t instanceof TransientDataAccessResourceException
                    || t instanceof R2dbcTransientResourceException || t instanceof R2dbcNonTransientResourceException
                    || t instanceof R2dbcTimeoutException || t instanceof DatabaseUnavailableException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a failed transaction certainly did not commit, so its work may be done again: the pool
     * handed out no connection in time, or the server cancelled a statement (SQLSTATE 57014, e.g. the
     * {@code statement_timeout} that fires as a frozen server wakes). A connection lost mid-commit is
     * not such a failure: the commit may have happened.
     */
    public static boolean certainlyRolledBack(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof R2dbcException r2dbc && QUERY_CANCELED.equals(r2dbc.getSqlState())) {
                return true;
            }
            if (t instanceof R2dbcTimeoutException && t.getCause() instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * For background work (a cohort's batches) that should wait out a database that stops answering
     * for a while: redone, with growing pauses for about a minute, when it certainly did not commit.
     */
    public static RetryBackoffSpec waitOutPauses() {
        return Retry.backoff(8, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(10))
            .filter(DatabaseDeadline::certainlyRolledBack);
    }

    private static final String QUERY_CANCELED = "57014";
}
