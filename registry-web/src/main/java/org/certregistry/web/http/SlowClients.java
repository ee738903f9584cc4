package org.certregistry.web.http;

import java.time.Duration;

import io.netty.channel.ChannelPipeline;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Limits on how slowly a client may talk, so that connections held open by slow or silent clients
 * cannot exhaust the server: the request head must arrive within {@code header-timeout}
 * ({@link HeaderDeadline}), the body may pause at most {@code read-timeout} between reads and take
 * at most {@code request-timeout} in all (reactor-netty's own timeouts). Idle kept-alive
 * connections are closed after {@code server.netty.idle-timeout}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlowClients.Properties.class)
class SlowClients {

    /**
     * @param headerTimeout how long a connection may take to send a request's line and headers
     * @param readTimeout the longest pause while a request body is read
     * @param requestTimeout the longest a request body may take to arrive (a 5 MB upload on a slow line included)
     */
    @ConfigurationProperties("registry.http")
    record Properties(@DefaultValue("10s") Duration headerTimeout, @DefaultValue("15s") Duration readTimeout,
            @DefaultValue("60s") Duration requestTimeout) {
    }

    @Bean
    NettyServerCustomizer slowClientLimits(Properties limits) {
        // the request timeout is HeaderDeadline's, not reactor-netty's (see there why)
        return server -> server.readTimeout(limits.readTimeout())
            .doOnChannelInit((observer, channel, remote) -> {
                // runs after reactor-netty's own HTTP set-up: sit between the decoder and the request handling
                ChannelPipeline pipeline = channel.pipeline();
                HeaderDeadline deadline = new HeaderDeadline(limits.headerTimeout(), limits.requestTimeout());
                if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
                    pipeline.addBefore(NettyPipeline.HttpTrafficHandler, HeaderDeadline.NAME, deadline);
                }
                else if (pipeline.get(NettyPipeline.ReactiveBridge) != null) {
                    pipeline.addBefore(NettyPipeline.ReactiveBridge, HeaderDeadline.NAME, deadline);
                }
                else {
                    pipeline.addLast(HeaderDeadline.NAME, deadline);
                }
            });
    }
}
