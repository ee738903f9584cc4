package org.certregistry.web.certificate.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockUser;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.CertificateNotFoundException;
import org.certregistry.web.certificate.publicrecord.PublicRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * How the public record's errors reach a client, without a database: the number is parsed where
 * it enters (a malformed or mistyped one never reaches the service), and every refusal is a
 * problem detail of its own type, with no trace of the code behind it.
 */
// the slice: this controller, the problem mapping and the number converter; the filters that need the whole application stay out
@WebFluxTest(controllers = PublicCertificateController.class, excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = "org\\.certregistry\\.web\\.(.*\\.web|http|i18n|security)\\.(?!ApiProblems|CertificateNumberConverter|PublicCertificateController)[A-Za-z]+"))
class PublicCertificateControllerTest {

    @Autowired
    WebTestClient http;

    @MockitoBean
    PublicRecords records;

    @Test
    void aMalformedNumberIsRefusedAtTheEdge() {
        http.mutateWith(mockUser()).get().uri("/api/v1/certificates/not-a-number").exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.type").isEqualTo("https://certregistry.org/problems/malformed-number");
        verify(records, never()).byNumber(any());
    }

    @Test
    void aMistypedNumberSaysItsCheckCharacterDoesNotAddUp() {
        String number = CertificateNumber.random("CCXP").value();
        char last = number.charAt(number.length() - 1);
        String mistyped = number.substring(0, number.length() - 1) + (last == '0' ? '1' : '0');
        http.mutateWith(mockUser()).get().uri("/api/v1/certificates/{n}", mistyped).exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.type").isEqualTo("https://certregistry.org/problems/number-check-failed");
    }

    @Test
    void anUnknownNumberIsANotFoundProblem() {
        CertificateNumber number = CertificateNumber.random("CCXP");
        when(records.byNumber(number)).thenReturn(Mono.error(new CertificateNotFoundException(number.value())));
        http.mutateWith(mockUser()).get().uri("/api/v1/certificates/{n}", number.value().toLowerCase()).exchange()
            .expectStatus().isNotFound()
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://certregistry.org/problems/not-found")
            .jsonPath("$.detail").isEqualTo("No certificate " + number.value() + " is in the registry.");
    }

    @Test
    void anUnexpectedFailureIsA500ThatShowsNoInternals() {
        when(records.byNumber(any())).thenReturn(Mono.error(new IllegalStateException("connection pool secret-host:5432")));
        http.mutateWith(mockUser()).get().uri("/api/v1/certificates/{n}", CertificateNumber.random("CXSP").value()).exchange()
            .expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
            .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                .contains("Nothing was changed").doesNotContain("secret-host", "IllegalStateException", "at org."));
    }
}
