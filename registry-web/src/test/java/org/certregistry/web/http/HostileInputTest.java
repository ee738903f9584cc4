package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Input made to deceive a person or exhaust the server is refused with a clear message. */
class HostileInputTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    private WebTestClient.ResponseSpec issue(String name) {
        return http.post().uri("/api/v1/admin/certificates").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", name,
                    "email", "someone." + TestCertificates.uniqueSurname().toLowerCase() + "@example.org")))
            .exchange();
    }

    @Test
    void namesWithTextDirectionOverridesOrZeroWidthCharactersAreRefusedByName() {
        for (String hidden : List.of("\u202E", "\u202A", "\u2066", "\u2069", "\u200B", "\u200D", "\u200F", "\uFEFF")) {
            issue("Ann" + hidden + "a Smith").expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("holder.name")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m)
                    .contains(String.format("U+%04X", (int) hidden.charAt(0))).contains("not accepted"));
        }
    }

    @Test
    void arabicAndHebrewNamesAreAcceptedAsWritten() {
        for (String name : List.of("محمد بن عبد الله", "דוד בן־גוריון", "Zoë Ångström")) {
            issue(name).expectStatus().isCreated().expectBody().jsonPath("$.certificate.holderName").isEqualTo(name);
        }
    }

    @Test
    void aReasonLongerThanFiveHundredCharactersIsRefusedAndNothingChanges() {
        AdminApi admin = new AdminApi(http);
        String number = admin.issue("CCXP", "Rhea Son", null);
        String twoMegabytes = "x".repeat(2 * 1024 * 1024);
        admin.act(number, "suspend", twoMegabytes, null).expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].field").isEqualTo("reason")
            .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("at most 500"));
        admin.act(number, "suspend", "y".repeat(501), null).expectStatus().isBadRequest();
        admin.act(number, "suspend", "y".repeat(500), null).expectStatus().isOk()
            .expectBody().jsonPath("$.state").isEqualTo("SUSPENDED");
        admin.act(number, "reinstate", "z".repeat(501), null).expectStatus().isBadRequest();
        http.get().uri("/api/v1/admin/certificates/{n}/history", number).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.length()").isEqualTo(2)
            .jsonPath("$[1].reason").isEqualTo("y".repeat(500));
    }

    @Test
    void noCellOfTheCohortResultCanStartASpreadsheetFormula() throws Exception {
        String csv = """
                program,name,email,awarded_on,listed
                CCXP,"=HYPERLINK(""https://evil.example/"",""Open"")",formula@example.org,,yes
                CCXP,+Plus Person,-minus@example.org,,yes
                CCXP,@At Person,at@example.org,,yes
                """;
        Map<?, ?> cohort = http.post().uri("/api/v1/admin/cohorts?fileName=hostile.csv")
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).contentType(MediaType.parseMediaType("text/csv"))
            .bodyValue(csv).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        Object id = cohort.get("id");
        http.post().uri("/api/v1/admin/cohorts/{id}/issue", id).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .exchange().expectStatus().is2xxSuccessful();
        List<CSVRecord> rows = List.of();
        for (int i = 0; i < 600 && rows.stream().noneMatch(r -> r.get("outcome").equals("issued")); i++) {
            Thread.sleep(100);
            String result = http.get().uri("/api/v1/admin/cohorts/{id}/result.csv", id)
                .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
            // the file starts with a byte order mark, for spreadsheets
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(result.startsWith("\uFEFF") ? result.substring(1) : result))
                .getRecords();
            if (rows.stream().allMatch(r -> r.get("outcome").equals("issued")) && rows.size() == 3) {
                break;
            }
        }
        assertThat(rows).hasSize(3).allMatch(r -> r.get("outcome").equals("issued"));
        assertThat(rows.stream().map(r -> r.get("name")))
            .containsExactlyInAnyOrder("'=HYPERLINK(\"https://evil.example/\",\"Open\")", "'+Plus Person", "'@At Person");
        assertThat(rows.stream().map(r -> r.get("email"))).contains("'-minus@example.org");
        for (CSVRecord row : rows) {
            for (String cell : row.values()) {
                assertThat(cell).as("a cell of the result").doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                    .doesNotStartWith("@");
            }
        }
    }

    /** A /verify form whose document is small but whose other parts add up to 9 MB. */
    private static byte[] paddedForm(String boundary, String csrf) {
        StringBuilder form = new StringBuilder();
        form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n").append(csrf)
            .append("\r\n");
        String filler = "a".repeat(3 * 1024 * 1024);
        for (int i = 0; i < 3; i++) {
            form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"padding").append(i)
                .append("\"; filename=\"padding.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").append(filler)
                .append("\r\n");
        }
        form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"credential\"\r\n\r\n")
            .append("not.a.credential\r\n--").append(boundary).append("--\r\n");
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aChunkedVerifyUploadIsBoundedWhileItStreamsWhateverTheHeadersSay() throws Exception {
        EntityExchangeResult<String> page = http.get().uri("/verify").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult();
        String cookies = page.getResponseCookies().values().stream().flatMap(List::stream)
            .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        String boundary = "hostile-boundary-7";
        // the form's CSRF token, if the page has one, so that the upload reaches the body limit and not a 403
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
            .matcher(page.getResponseBody());
        byte[] body = paddedForm(boundary, csrf.find() ? csrf.group(1) : "");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE_URL + "/verify")).timeout(Duration.ofSeconds(60))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html");
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        // no length given: the client sends Transfer-Encoding: chunked
        HttpResponse<String> answer = client.send(request.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("larger than 5 MB");
    }
}
