package org.certregistry.web.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Which failed transactions may be done again. The real faults (a frozen and a killed PostgreSQL)
 * are in {@code faults/DatabaseFaultsTest}; this pins the classification of each kind of error.
 */
class DatabaseDeadlineTest {

    @Test
    void aStatementTheServerCancelledDidNotCommit() {
        var cancelled = new R2dbcNonTransientResourceException("canceling statement due to statement timeout", "57014");
        assertThat(DatabaseDeadline.certainlyRolledBack(new DataAccessResourceFailureException("execute", cancelled))).isTrue();
    }

    @Test
    void noConnectionHandedOutDidNotCommit() {
        var acquisition = new R2dbcTimeoutException("Connection acquisition timed out after 3000ms", new TimeoutException());
        assertThat(DatabaseDeadline.certainlyRolledBack(acquisition)).isTrue();
    }

    @Test
    void aConnectionLostMayHaveCommitted() {
        var lost = new R2dbcNonTransientResourceException("Connection unexpectedly closed", "08006");
        assertThat(DatabaseDeadline.certainlyRolledBack(new DataAccessResourceFailureException("execute", lost))).isFalse();
        assertThat(DatabaseDeadline.certainlyRolledBack(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseDeadline.isFault(lost)).isTrue();
    }
}
