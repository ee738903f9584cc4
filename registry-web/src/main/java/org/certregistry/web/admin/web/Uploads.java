package org.certregistry.web.admin.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads an uploaded file into memory up to a limit of its own, whatever the codecs' limit is. */
final class Uploads {

    /** Largest cohort file accepted (50,000 rows of ordinary length fit easily). */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    private Uploads() {
    }

    /** The whole content, or a {@code DataBufferLimitException} past {@link #MAX_BYTES}. */
    static Mono<byte[]> read(Flux<DataBuffer> content) {
        return DataBufferUtils.join(content, MAX_BYTES).map(buffer -> {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            DataBufferUtils.release(buffer);
            return bytes;
        });
    }
}
