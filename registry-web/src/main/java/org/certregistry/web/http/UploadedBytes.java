package org.certregistry.web.http;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The one way an upload's bytes are read: whole, up to a limit of the route's own, the buffers released whatever happens. */
public final class UploadedBytes {

    private UploadedBytes() {
    }

    /**
     * The whole content as bytes; a {@link DataBufferLimitException} as soon as more than {@code maxBytes} arrive (what
     * arrived so far is released, the rest is not read); empty for an empty part.
     */
    public static Mono<byte[]> read(Flux<DataBuffer> content, int maxBytes) {
        return DataBufferUtils.join(content, maxBytes).map(buffer -> {
            try {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                return bytes;
            }
            finally {
                DataBufferUtils.release(buffer);
            }
        });
    }
}
