package org.certregistry.web.database;

import java.nio.file.Path;

/** Marks that the embedded database is in use (demo data loads only then, unless asked for). */
public record EmbeddedDatabase(int port, Path directory) {
}
