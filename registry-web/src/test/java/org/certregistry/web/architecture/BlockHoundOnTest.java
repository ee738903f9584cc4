package org.certregistry.web.architecture;

import java.time.Duration;
import java.util.List;

import org.certregistry.web.support.BlockingCalls;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/** BlockHound watches every test of this module: a blocking call on a non-blocking thread is found and kept. */
class BlockHoundOnTest {

    @Test
    void aBlockingCallOnAParallelThreadIsFound() {
        Integer slept = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));

        // kept, not thrown: the call went on
        assertThat(slept).isOne();
        List<BlockingOperationError> found = BlockingCalls.drain();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).getMessage()).contains("java.lang.Thread.sleep");
    }
}
