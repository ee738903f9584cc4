package org.certregistry.web.database;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Timeouts on every R2DBC connection, whether configured by URL or embedded: PostgreSQL's
 * {@code statement_timeout} (the server ends a statement that runs too long, a lock wait included,
 * and frees its connection) and the connect timeout. The pool's limits (size, acquire and
 * create times) are {@code spring.r2dbc.pool.*} in application.yml.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConnections {

    @Bean
    ConnectionFactoryOptionsBuilderCustomizer databaseTimeouts(DatabaseProperties database) {
        return options -> options.option(PostgresqlConnectionFactoryProvider.STATEMENT_TIMEOUT, database.statementTimeout())
            .option(ConnectionFactoryOptions.CONNECT_TIMEOUT, database.connectTimeout());
    }
}
