package org.certregistry.web.holder;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How certificate documents (PDF and PNG preview) are rendered for holders.
 *
 * @param renderThreads renders that may run at once; more wait in the queue
 * @param renderQueue renders that may wait before new ones are refused (503)
 * @param renderTimeout how long a request waits for its document before it gets a 503 with Retry-After
 * @param retryAfter what that 503 tells the client to wait
 * @param cacheSize rendered bytes kept in memory, by certificate and credential version
 * @param previewDpi resolution of the PNG preview (110 dpi: about 1290 x 910 pixels)
 */
@ConfigurationProperties("holder.documents")
record HolderProperties(@DefaultValue("2") int renderThreads, @DefaultValue("64") int renderQueue,
        @DefaultValue("10s") Duration renderTimeout, @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("32MB") DataSize cacheSize, @DefaultValue("110") int previewDpi) {

    HolderProperties {
        if (renderThreads < 1 || renderQueue < 1) {
            throw new IllegalArgumentException("holder.documents needs at least one render thread and one queue place");
        }
        if (renderTimeout.isNegative() || renderTimeout.isZero()) {
            throw new IllegalArgumentException("holder.documents.render-timeout must be positive");
        }
    }
}
