package org.certregistry.web.admin.web;

import java.nio.charset.StandardCharsets;

import org.certregistry.web.http.UploadedBytes;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Cohort files over HTTP: uploads read up to a limit of their own (whatever the codecs' limit), results as CSV attachments. */
final class Uploads {

    /** Largest cohort file accepted (50,000 rows of ordinary length fit easily). */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    /** The byte order mark, U+FEFF: in UTF-8 the bytes EF BB BF. */
    static final String BOM = "\uFEFF";

    private Uploads() {
    }

    /**
     * A result file as a download that no cache keeps (it holds holders' private links). It starts
     * with a byte order mark: without it Excel reads UTF-8 as the machine's code page ("AmÃ©lie").
     */
    static ResponseEntity<String> csvAttachment(String csv, String fileName) {
        return ResponseEntity.ok()
            .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
            .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .body(BOM + csv);
    }

    /** The whole content, or a {@code DataBufferLimitException} past {@link #MAX_BYTES}. */
    static Mono<byte[]> read(Flux<DataBuffer> content) {
        return UploadedBytes.read(content, MAX_BYTES);
    }
}
