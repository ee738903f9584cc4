package org.certregistry.web.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.certregistry.web.certificate.store.CertificateRepository.ReminderPosition;
import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The certificates a reminder may be due for are read a page at a time (a single query over all of them ran past the
 * statement deadline at a million): walking the pages gives each one once, in order, across equal window ends.
 */
class ReminderPagesTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    CertificateRepository repository;

    @Test
    void pagesGiveEachCertificateEndingInTheWindowOnceInOrderOfEndThenId() {
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(2).plusDays(77);
        // five with the same window end: the pages must part them by id, not lose or repeat one at a page's edge
        Set<String> mine = IntStream.range(0, 5)
            .mapToObj(i -> TestCertificates.issue(http, "CCXP", "Paged Reminder " + i, true, awarded).number())
            .collect(Collectors.toSet());
        Instant now = Instant.now();
        Instant to = now.plus(78, ChronoUnit.DAYS);

        List<Certificate> walked = new ArrayList<>();
        ReminderPosition position = ReminderPosition.endingAfter(now);
        while (true) {
            List<Certificate> page = repository.activeEndingBy(to, position, 2).collectList().block();
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            walked.addAll(page);
            if (page.size() < 2) {
                break;
            }
            position = ReminderPosition.after(page.get(page.size() - 1));
        }

        assertThat(walked).extracting(Certificate::number).containsAll(mine).doesNotHaveDuplicates();
        assertThat(walked).allSatisfy(c -> assertThat(c.validUntil()).isAfter(now).isBeforeOrEqualTo(to));
        for (int i = 1; i < walked.size(); i++) {
            Certificate before = walked.get(i - 1);
            Certificate after = walked.get(i);
            // PostgreSQL orders uuids as their hexadecimal text
            assertThat(before.validUntil().isBefore(after.validUntil()) || before.validUntil().equals(after.validUntil())
                    && before.id().toString().compareTo(after.id().toString()) < 0).as("%s before %s", before.number(), after.number())
                .isTrue();
        }
    }
}
