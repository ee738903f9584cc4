package org.certregistry.web.verification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.verifier.keys.JwksKeySource;
import org.certregistry.verifier.receipt.BatchReceipt;
import org.certregistry.verifier.receipt.BatchReceiptCheck;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/verifications/batch} over real HTTP against the real PostgreSQL, and its receipt checked by the verifier. */
class BatchVerificationTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @SuppressWarnings("unchecked")
    private Map<String, Object> batch(String csv) {
        return http.post().uri("/api/v1/verifications/batch").contentType(MediaType.parseMediaType("text/csv"))
            .bodyValue(csv.getBytes(StandardCharsets.UTF_8)).exchange().expectStatus().isOk()
            .expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byInput(Map<String, Object> answer) {
        return ((List<Map<String, Object>>) answer.get("rows")).stream()
            .collect(Collectors.toMap(r -> (String) r.get("input"), r -> r));
    }

    @Test
    void eachRowGetsItsVerdictWithNameDoesNotMatchAsItsOwnOutcome() {
        String surname = TestCertificates.uniqueSurname();
        Issued svetlana = TestCertificates.issue(http, "CCXP", "Светлана Иванова " + surname);
        Issued zoe = TestCertificates.issue(http, "CXSP", "Zoë Maria Ångström " + surname);
        Issued revoked = TestCertificates.issue(http, "CCXP", "Revoked " + surname);
        TestCertificates.revoke(http, revoked.number(), "Exam misconduct");
        String mistyped = zoe.number().substring(0, 5) + (zoe.number().charAt(5) == '7' ? '8' : '7') + zoe.number().substring(6);

        Map<String, Object> answer = batch("number,name\n"
                + svetlana.number() + ",Svetlana Ivanova " + surname + "\n"
                + zoe.number().toLowerCase() + ",\"zoe angstrom " + surname + "\"\n"
                + revoked.number() + "\n"
                + zoe.number() + ",Someone Else\n"
                + mistyped + ",Zoë Ångström\n");

        assertThat(answer.get("count")).isEqualTo(5);
        Map<String, Map<String, Object>> rows = byInput(answer);
        assertThat(rows.get(svetlana.number())).containsEntry("outcome", "VALID").containsEntry("name", "MATCH")
            .containsEntry("holderName", "Светлана Иванова " + surname);
        assertThat(rows.get(zoe.number().toLowerCase())).as("a middle name left out, accents and case ignored")
            .containsEntry("outcome", "VALID").containsEntry("name", "MATCH").containsEntry("number", zoe.number());
        assertThat(rows.get(revoked.number())).containsEntry("outcome", "REVOKED").containsEntry("name", "NOT_GIVEN");
        assertThat(rows.get(zoe.number())).containsEntry("outcome", "NAME_DOES_NOT_MATCH").containsEntry("status", "VALID")
            .containsEntry("name", "DOES_NOT_MATCH");
        assertThat(rows.get(mistyped)).containsEntry("outcome", "NOT_FOUND");
        assertThat(rows.get(svetlana.number())).containsEntry("row", 2);
    }

    @Test
    void theReceiptIsSignedByTheRegistryAndCheckedByTheVerifier() throws Exception {
        Issued issued = TestCertificates.issue(http, "CCXP", "Receipt " + TestCertificates.uniqueSurname());
        Map<String, Object> answer = batch(issued.number() + "\nCCXP-000-000-00X\n");
        String receipt = (String) answer.get("receipt");
        JWKSet keys = JWKSet.parse(http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody());
        BatchReceiptCheck check = new BatchReceiptCheck(JwksKeySource.of(keys), BASE_URL, Clock.systemUTC());

        BatchReceiptCheck.Result result = check.check(receipt);
        assertThat(result).isInstanceOf(BatchReceiptCheck.Result.Genuine.class);
        BatchReceipt read = ((BatchReceiptCheck.Result.Genuine) result).receipt();
        assertThat(read.rows()).extracting(BatchReceipt.Row::number, BatchReceipt.Row::outcome)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(issued.number(), "VALID"),
                    org.assertj.core.groups.Tuple.tuple(null, "NOT_FOUND"));
        assertThat(read.checkedAt().toString()).isEqualTo(answer.get("checkedAt"));

        // a changed outcome no longer verifies; another registry's receipt is refused
        String[] parts = receipt.split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"NOT_FOUND\"", "\"VALID\"");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
            .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(check.check(forged)).isInstanceOf(BatchReceiptCheck.Result.Refused.class);
        assertThat(new BatchReceiptCheck(JwksKeySource.of(keys), "https://elsewhere.example", Clock.systemUTC()).check(receipt))
            .isInstanceOf(BatchReceiptCheck.Result.Refused.class);
    }

    @Test
    void theReceiptHasItsOwnTypeAudienceAndExpiryAndPostedAsACredentialFailsAtTheHeader() throws Exception {
        Issued issued = TestCertificates.issue(http, "CCXP", "Receipt Type " + TestCertificates.uniqueSurname());
        String receipt = (String) batch(issued.number() + "\n").get("receipt");
        SignedJWT jwt = SignedJWT.parse(receipt);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("vnd.certregistry.receipt+jwt");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(BASE_URL + "/verify/batch");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
            .isEqualTo(jwt.getJWTClaimsSet().getIssueTime().toInstant().plus(Duration.ofDays(365)));

        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(receipt).exchange()
            .expectBody()
            .jsonPath("$.verdict").isEqualTo("INVALID")
            .jsonPath("$.checks[?(@.check == 'header')].outcome").isEqualTo(List.of("FAILED"))
            .jsonPath("$.checks[?(@.check == 'header')].message")
            .isEqualTo(List.of("This is the registry's bulk-verification receipt (header type vnd.certregistry.receipt+jwt), "
                    + "not a credential."));
    }

    @Test
    void echoedCellsAreBoundedAndFreeOfControlCharactersInTheAnswerAndTheReceipt() throws Exception {
        String cell = "\u001b[2J\u001b]0;owned\u0007" + "9".repeat(1000);
        String csv = IntStream.range(0, 950).mapToObj(i -> "\"" + cell + i + "\"").collect(Collectors.joining("\n"));
        EntityExchangeResult<byte[]> answer = http.post().uri("/api/v1/verifications/batch")
            .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv.getBytes(StandardCharsets.UTF_8)).exchange()
            .expectStatus().isOk().expectBody().returnResult();
        // 950 cells of 1,000 characters came back whole twice: 2.49 MB
        assertThat(answer.getResponseBody().length).isLessThan(1_000_000);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new com.fasterxml.jackson.databind.ObjectMapper().readValue(answer.getResponseBody(), Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) body.get("rows");
        assertThat(rows).hasSize(950).allSatisfy(row -> assertThat((String) row.get("input")).hasSize(200)
            .startsWith("[2J]0;owned999").endsWith("…").doesNotContain("\u001b", "\u0007"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> signed = (List<Map<String, Object>>) SignedJWT.parse((String) body.get("receipt"))
            .getJWTClaimsSet().getClaim("rows");
        assertThat(signed).hasSize(950).allSatisfy(row -> assertThat((String) row.get("input")).hasSize(200)
            .doesNotContain("\u001b", "\u0007"));
    }

    @Test
    void csvOutIsSafeFromFormulaInjection() {
        Issued issued = TestCertificates.issue(http, "CCXP", "=HYPERLINK(\"http://evil.example\") " + TestCertificates.uniqueSurname());
        String csv = http.post().uri("/api/v1/verifications/batch").contentType(MediaType.parseMediaType("text/csv"))
            .accept(MediaType.parseMediaType("text/csv"))
            .bodyValue((issued.number() + "\n=1+2,x\n@SUM(1;2),y\n-3+4\n").getBytes(StandardCharsets.UTF_8))
            .exchange().expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
            .expectBody(String.class).returnResult().getResponseBody();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("row,input,number,holder_name,outcome,status,name,detail");
        assertThat(lines).hasSize(5);
        assertThat(csv).contains("'=HYPERLINK", "'=1+2", "'@SUM", "'-3+4");
        for (String line : lines) {
            for (String cell : line.split(",")) {
                String unquoted = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(unquoted).doesNotStartWith("=").doesNotStartWith("@").doesNotStartWith("+");
            }
        }
    }

    @Test
    void moreThanAThousandRowsOrAnEmptyFileIsABadRequest() {
        String tooMany = IntStream.range(0, 1001).mapToObj(i -> "CCXP-000-000-00" + (i % 10)).collect(Collectors.joining("\n"));
        http.post().uri("/api/v1/verifications/batch").contentType(MediaType.parseMediaType("text/csv"))
            .bodyValue(tooMany.getBytes(StandardCharsets.UTF_8)).exchange()
            .expectStatus().isBadRequest()
            .expectBody(String.class).value(body -> assertThat(body).contains("more than 1000"));
        http.post().uri("/api/v1/verifications/batch").contentType(MediaType.parseMediaType("text/csv"))
            .bodyValue("number,name\n".getBytes(StandardCharsets.UTF_8)).exchange()
            .expectStatus().isBadRequest();
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsAreCheckedOneRowEachAndAFileOfAnotherKindIsItsOwnRow() {
        Issued issued = TestCertificates.issue(http, "CXSP", "Documents " + TestCertificates.uniqueSurname());
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("document", new ByteArrayResource(issued.credential().getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "credential.jwt";
            }
        });
        parts.part("document", new ByteArrayResource("just some words".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "notes.txt";
            }
        });
        Map<String, Object> answer = http.post().uri("/api/v1/verifications/batch")
            .body(BodyInserters.fromMultipartData(parts.build())).exchange().expectStatus().isOk()
            .expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Map<String, Object>> rows = byInput(answer);
        assertThat(rows.get("credential.jwt")).containsEntry("outcome", "VALID").containsEntry("number", issued.number());
        assertThat(rows.get("notes.txt")).containsEntry("outcome", "INVALID");
        assertThat((String) rows.get("notes.txt").get("detail")).contains("not a PDF");
    }

    @Test
    void theBatchPageShowsAVerdictPerRowWithTheCsvAndTheReceiptToDownload() {
        Issued issued = TestCertificates.issue(http, "CCXP", "Ανδρέας Παπαδόπουλος " + TestCertificates.uniqueSurname());
        org.springframework.test.web.reactive.server.EntityExchangeResult<String> form = http.get().uri("/verify/batch")
            .exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("_csrf", org.certregistry.web.support.ConsoleSession.csrfToken(form.getResponseBody()));
        parts.part("file", new ByteArrayResource((issued.number() + ",Someone Else\n").getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "candidates.csv";
            }
        });
        String page = http.post().uri("/verify/batch").cookie(org.certregistry.web.support.ConsoleSession.CSRF_COOKIE,
                form.getResponseCookies().getFirst(org.certregistry.web.support.ConsoleSession.CSRF_COOKIE).getValue())
            .body(BodyInserters.fromMultipartData(parts.build())).exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("NAME DOES NOT MATCH", "Ανδρέας Παπαδόπουλος", "download=\"verification-results.csv\"",
                "href=\"data:text/csv;charset=utf-8,", "download=\"verification-receipt.jwt\"");
    }

    @Test
    void theBatchPageIsAFormWithoutInlineScript() {
        String page = http.get().uri("/verify/batch").accept(MediaType.TEXT_HTML).exchange()
            .expectStatus().isEqualTo(HttpStatus.OK).expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("enctype=\"multipart/form-data\"", "name=\"file\"", "name=\"document\"", "1000");
        assertThat(page).doesNotContain("<script>", "onclick", "onload");
    }
}
