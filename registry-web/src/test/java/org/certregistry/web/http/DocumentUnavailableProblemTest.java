package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.certregistry.web.holder.DocumentUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class DocumentUnavailableProblemTest {

    @Test
    void aDocumentNotReadyInTimeIsA503ProblemThatSaysWhenToRetry() {
        ResponseEntity<ProblemDetail> answer = new ApiProblems()
            .problem(new DocumentUnavailableException("PDF", Duration.ofSeconds(5), new TimeoutException()));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().getType().toString()).endsWith("/document-unavailable");
        assertThat(answer.getBody().getDetail()).contains("PDF", "try again in 5 seconds").doesNotContain("Timeout");
    }
}
