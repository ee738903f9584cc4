package org.certregistry.web.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A cohort stores its JWTs first and signs their twins after; if its instance stops in between,
 * the twins are left missing. The sweep any instance runs signs them, the same bytes a request
 * would have had signed, and leaves alone what is not yet settled.
 */
class TwinSweepTest extends RegistryIntegrationTest {

    @Autowired
    Issuance issuance;

    @Autowired
    CredentialTwins twins;

    @Autowired
    ProgramCatalog programs;

    @Autowired
    DatabaseClient db;

    @Test
    void theTwinsACohortsFillLeftMissingAreSignedByTheSweepOnceSettled() {
        String surname = TestCertificates.uniqueSurname();
        List<IssueCertificate> commands = IntStream.range(0, 3).mapToObj(i -> IssueCertificate.of(programs, "CCXP",
                "Swept " + surname + " " + i, "swept." + i + "." + surname.toLowerCase() + "@example.org", true, null,
                Instant.now())).toList();
        // stored as a cohort stores them, and then its instance stops: no fill
        List<String> numbers = issuance.issueMany(commands, "test", (first, batch) -> Mono.empty())
            .flatMapIterable(batch -> batch).map(issued -> issued.certificate().number()).collectList().block();
        assertThat(missingTwins(numbers)).isEqualTo(3);

        // not settled yet: a fill may still be on its way
        twins.sweep(Instant.now().minusSeconds(600)).block();
        assertThat(missingTwins(numbers)).isEqualTo(3);

        assertThat(twins.sweep(Instant.now().plusSeconds(1)).block()).isGreaterThanOrEqualTo(3);
        assertThat(missingTwins(numbers)).isZero();
        // a signed Data Integrity credential, stored for good
        Map<String, Object> row = db.sql("SELECT c.id, v.data_integrity FROM certificate c JOIN credential_version v "
                + "ON v.certificate_id = c.id AND v.version = c.credential_version WHERE c.number = :n").bind("n", numbers.get(0))
            .fetch().one().block();
        assertThat((String) row.get("data_integrity")).contains("eddsa-rdfc-2022").contains("proofValue");
    }

    private long missingTwins(List<String> numbers) {
        return db.sql("SELECT count(*) FROM certificate c JOIN credential_version v ON v.certificate_id = c.id "
                + "AND v.version = c.credential_version WHERE c.number = ANY(:n) AND v.data_integrity IS NULL")
            .bind("n", numbers.toArray(String[]::new)).map(r -> r.get(0, Long.class)).one().block();
    }
}
