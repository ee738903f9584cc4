package org.certregistry.web.holder.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Work a request asks for that must not shape its answer, in content or in time: it starts only once the answer has
 * been written. The sign-in form answers alike for an address that holds certificates and one that does not; when the
 * lookup, the link and its e-mail were written before the answer, a known address answered 3–6 ms later (median), so
 * the time told what the page did not. Errors are logged, never shown: the reader has had their answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AfterAnswer implements WebFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AfterAnswer.class);

    private static final String WORK = AfterAnswer.class.getName() + ".work";

    /** Runs {@code work} once the answer to {@code exchange} is written (or the client has gone). */
    static void run(ServerWebExchange exchange, String what, Mono<?> work) {
        exchange.getAttributes().put(WORK, new Work(what, work));
    }

    private record Work(String what, Mono<?> work) {
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).doFinally(signal -> {
            Work work = exchange.getAttribute(WORK);
            if (work != null) {
                work.work().subscribe(null, error -> LOG.warn("{} failed after the answer was sent", work.what(), error));
            }
        });
    }
}
