package org.certregistry.web.system;

import java.nio.file.Path;

/** Marks that the embedded database is in use (demo data loads only then, unless asked for). */
public record EmbeddedDatabase(int port, Path directory) {
}
