package org.certregistry.web.status;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries are reserved in one statement per request, outside any issuing transaction: many
 * reservations at once, single and in blocks, never share an index (before, a random draw that
 * clashed was retried inside a transaction PostgreSQL had already aborted, and failed).
 */
class StatusEntriesTest extends RegistryIntegrationTest {

    @Autowired
    StatusEntries entries;

    @Autowired
    ProgramCatalog programs;

    @Test
    void concurrentReservationsNeverHandOutAnEntryTwice() {
        Program ccxp = programs.find("CCXP").orElseThrow();
        List<StatusEntry> all = Flux.range(0, 64)
            .flatMap(i -> i % 4 == 0 ? entries.allocate(ccxp, 250).flatMapMany(Flux::fromIterable)
                    : entries.allocate(ccxp).flux(), 32)
            .collectList()
            .block();
        assertThat(all).hasSize(16 * 250 + 48);
        Set<StatusEntry> distinct = new HashSet<>(all);
        assertThat(distinct).hasSameSizeAs(all);
    }
}
