package org.certregistry.web.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long anything waits for PostgreSQL (the pool's own limits are {@code spring.r2dbc.pool.*}).
 *
 * @param deadline how long a public request waits for a read before it answers that the registry
 *        cannot check right now (503, or UNDETERMINED for a verification); kept by the application,
 *        since a frozen server runs no timeout of its own
 * @param statementTimeout PostgreSQL's {@code statement_timeout}, set on every connection: the
 *        server ends a statement that runs longer (a slow query, a lock wait) and frees its connection
 * @param connectTimeout how long opening a connection (TCP and start-up) may take
 */
@ConfigurationProperties("registry.database")
public record DatabaseProperties(@DefaultValue("3s") Duration deadline, @DefaultValue("5s") Duration statementTimeout,
        @DefaultValue("3s") Duration connectTimeout) {

    public DatabaseProperties {
        if (deadline.isNegative() || deadline.isZero() || statementTimeout.isNegative() || statementTimeout.isZero()
                || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("registry.database deadlines and timeouts must be positive");
        }
    }
}
