package org.certregistry.web.ceu;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.HolderVisitor;
import org.certregistry.web.support.MailIntegrationTest;
import org.certregistry.web.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holders submit CEU activities with evidence; admins review them through the API; decisions
 * reach the holder by e-mail and count towards renewal, which the holder then asks for.
 */
class CeuSubmissionTest extends MailIntegrationTest {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes();

    @Autowired
    WebTestClient http;

    @Test
    void submittedActivitiesAreReviewedAndCountAndTheHolderRenewsWithThem() {
        String address = "cora.ceu@example.org";
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(2).plusDays(60);
        String number = issue(address, "Cora Ceu", awarded);
        HolderVisitor holder = HolderVisitor.signedIn(http, MAILBOX, BASE_URL, address);
        String page = "/holder/certificates/" + number;
        assertThat(holder.get(page).getResponseBody()).contains("0</strong> of <strong>20</strong>").contains("id=\"submit-ceu\"");

        LocalDate earned = awarded.plusMonths(3);
        assertThat(submit(holder, number, "speaking", 10, earned, "Keynote at CX Day", PDF, "keynote.pdf").getStatus().value())
            .isEqualTo(303);
        submit(holder, number, "program-attendance", 10, earned, "CX Summit", PDF, "summit.pdf");
        submit(holder, number, "cxpa-contributions", 4, earned, "Committee", PDF, "committee.pdf");

        List<Map<String, Object>> queue = queue(number);
        assertThat(queue).hasSize(3).allSatisfy(s -> assertThat(s).containsEntry("status", "PENDING").containsEntry("audit", true));
        String keynote = id(queue, "Keynote at CX Day");
        byte[] evidence = http.get().uri("/api/v1/admin/ceu-submissions/{id}/evidence", keynote)
            .headers(h -> h.setBasicAuth("auditor", "registry-dev-auditor")).exchange().expectStatus().isOk()
            .expectHeader().contentType(MediaType.APPLICATION_PDF)
            .expectHeader().valueEquals("Content-Disposition", "attachment; filename=\"evidence-" + keynote + ".pdf\"")
            .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(evidence).isEqualTo(PDF);

        decide(keynote, "approve", null).expectStatus().isOk();
        decide(id(queue, "CX Summit"), "approve", null).expectStatus().isOk();
        decide(id(queue, "Committee"), "reject", Map.of()).expectStatus().isBadRequest();
        decide(id(queue, "Committee"), "reject", Map.of("reason", "No agenda or letter of attendance")).expectStatus().isOk();
        decide(keynote, "reject", Map.of("reason", "late")).expectStatus().isEqualTo(409);

        Mailbox.Mail rejected = MAILBOX.await(address, s -> s.endsWith("CEU submission rejected"));
        assertThat(rejected.text()).contains("\"Committee\" (4 CEUs, CXPA contributions) was not approved")
            .contains("Reason: No agenda or letter of attendance").contains("selected for audit");
        assertThat(MAILBOX.await(address, s -> s.endsWith("CEU submission approved")).text()).contains("counts towards your renewal");
        AdminApi.class.getName();
        String progress = holder.get(page).getResponseBody();
        assertThat(progress).contains("20</strong> of <strong>20</strong>").contains("<span>rejected</span><span dir=\"auto\">: No agenda or letter of attendance</span>");

        EntityExchangeResult<String> renewal = holder.post(page + "/renewal", page, Map.of());
        assertThat(renewal.getResponseHeaders().getLocation()).hasToString(page + "?saved=renewed");
        assertThat(MAILBOX.await(address, s -> s.endsWith("renewed")).text())
            .contains("valid until " + awarded.plusYears(4).format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy",
                    java.util.Locale.ENGLISH)));
        assertThat(holder.get(page).getResponseBody()).contains("0</strong> of <strong>20</strong>");
    }

    @Test
    void evidenceThatIsNotAPdfOrPictureOrTooLargeOrForASuspendedCertificateIsRefusedAndNothingIsStored() {
        String address = "bart.badinput@example.org";
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusMonths(6);
        String number = issue(address, "Bart Badinput", awarded);
        HolderVisitor holder = HolderVisitor.signedIn(http, MAILBOX, BASE_URL, address);
        LocalDate earned = awarded.plusDays(5);

        EntityExchangeResult<String> text = submit(holder, number, "speaking", 2, earned, "Talk", "just text".getBytes(), "fake.pdf");
        assertThat(text.getStatus().value()).isEqualTo(400);
        assertThat(text.getResponseBody()).contains("is not a PDF or a picture");

        byte[] big = Arrays.copyOf(PDF, 5 * 1024 * 1024 + 10);
        EntityExchangeResult<String> large = submit(holder, number, "speaking", 2, earned, "Talk", big, "big.pdf");
        assertThat(large.getStatus().value()).isEqualTo(413);
        assertThat(large.getResponseBody()).contains("larger than 5 MB");

        assertThat(submit(holder, number, "speaking", 2, awarded.minusDays(1), "Talk", PDF, "a.pdf").getResponseBody())
            .contains("is before the current cycle began");

        new AdminApi(http).act(number, "suspend", "Fee unpaid", null).expectStatus().isOk();
        EntityExchangeResult<String> suspended = submit(holder, number, "speaking", 2, earned, "Talk", PDF, "a.pdf");
        assertThat(suspended.getStatus().value()).isEqualTo(409);
        assertThat(suspended.getResponseBody()).contains("is suspended: it takes no CEU submissions");

        assertThat(queue(number)).isEmpty();
    }

    @Test
    void evidenceUploadedUnderAnHtmlNameIsSavedUnderItsDetectedTypeAsASandboxedAttachment() {
        String address = "polly.glot@example.org";
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusMonths(6);
        String number = issue(address, "Polly Glot", awarded);
        HolderVisitor holder = HolderVisitor.signedIn(http, MAILBOX, BASE_URL, address);
        // a PDF by its first bytes, and a page to any browser that opens it as invoice.html
        byte[] polyglot = "%PDF-1.7\n<html><body><script>fetch('/admin/tokens')</script></body></html>\n%%EOF\n".getBytes();
        assertThat(submit(holder, number, "speaking", 2, awarded.plusDays(5), "Polyglot", polyglot, "invoice.html")
            .getStatus().value()).isEqualTo(303);
        String id = id(queue(number), "Polyglot");
        String session = ConsoleSession.signIn(http, "auditor", "registry-dev-auditor");

        List<WebTestClient.ResponseSpec> downloads = List.of(
                http.get().uri("/api/v1/admin/ceu-submissions/{id}/evidence", id)
                    .headers(h -> h.setBasicAuth("auditor", "registry-dev-auditor")).exchange(),
                http.get().uri("/admin/ceus/{id}/evidence", id).cookie(ConsoleSession.COOKIE, session).exchange());
        for (WebTestClient.ResponseSpec download : downloads) {
            EntityExchangeResult<byte[]> answer = download.expectStatus().isOk().expectBody(byte[].class).returnResult();
            assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
            assertThat(answer.getResponseHeaders().getContentDisposition().getFilename()).isEqualTo("evidence-" + id + ".pdf");
            assertThat(answer.getResponseHeaders().getFirst("Content-Disposition")).startsWith("attachment;")
                .doesNotContain("html").doesNotContain("invoice");
            assertThat(answer.getResponseHeaders().getFirst("Content-Security-Policy")).isEqualTo("sandbox");
            assertThat(answer.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.getResponseBody()).isEqualTo(polyglot);
        }
    }

    @Test
    void aCertificateKeepsAtMostTenSubmissionsWaitingAndTheEleventhIsRefusedInThePagesLanguageWithNothingStored() {
        String address = "eager.eleven@example.org";
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusMonths(6);
        String number = issue(address, "Eager Eleven", awarded);
        HolderVisitor holder = HolderVisitor.signedIn(http, MAILBOX, BASE_URL, address);
        for (int i = 1; i <= 10; i++) {
            assertThat(submit(holder, number, "speaking", 1, awarded.plusDays(i), "Talk " + i, PDF, "talk.pdf").getStatus().value())
                .isEqualTo(303);
        }
        holder.cookies.put("lang", "fr");
        EntityExchangeResult<String> eleventh = submit(holder, number, "speaking", 1, awarded.plusDays(11), "Talk 11", PDF, "talk.pdf");
        assertThat(eleventh.getStatus().value()).isEqualTo(409);
        assertThat(eleventh.getResponseBody()).contains("10 de vos activités attendent déjà")
            .doesNotContain("problem.too-many-pending").doesNotContain("id=\"problem\" lang=\"en\"");
        assertThat(queue(number)).hasSize(10).noneMatch(s -> "Talk 11".equals(s.get("activity")));

        // once one is decided, there is room again
        decide(id(queue(number), "Talk 1"), "approve", null).expectStatus().isOk();
        assertThat(submit(holder, number, "speaking", 1, awarded.plusDays(11), "Talk 11", PDF, "talk.pdf").getStatus().value())
            .isEqualTo(303);
    }

    @Test
    void theEvidenceWaitingForReviewIsCappedAtTwentyFiveMegabytesPerCertificate() {
        String address = "heavy.files@example.org";
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusMonths(6);
        String number = issue(address, "Heavy Files", awarded);
        HolderVisitor holder = HolderVisitor.signedIn(http, MAILBOX, BASE_URL, address);
        byte[] fiveMegabytes = Arrays.copyOf(PDF, 5 * 1024 * 1024);
        for (int i = 1; i <= 5; i++) {
            assertThat(submit(holder, number, "speaking", 1, awarded.plusDays(i), "Scan " + i, fiveMegabytes, "scan.pdf")
                .getStatus().value()).isEqualTo(303);
        }
        EntityExchangeResult<String> sixth = submit(holder, number, "speaking", 1, awarded.plusDays(6), "Scan 6", PDF, "scan.pdf");
        assertThat(sixth.getStatus().value()).isEqualTo(409);
        assertThat(sixth.getResponseBody()).contains("would exceed 25 MB in all");
        assertThat(queue(number)).hasSize(5);
    }

    private EntityExchangeResult<String> submit(HolderVisitor holder, String number, String category, int quantity,
            LocalDate earnedOn, String activity, byte[] evidence, String filename) {
        String page = "/holder/certificates/" + number;
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("_csrf", holder.csrf("/holder"));
        form.part("activity", activity);
        form.part("category", category);
        form.part("measure", "ceu");
        form.part("quantity", String.valueOf(quantity));
        form.part("earnedOn", earnedOn.toString());
        form.part("evidence", new ByteArrayResource(evidence) {
            @Override
            public String getFilename() {
                return filename;
            }
        }).contentType(MediaType.APPLICATION_PDF);
        return holder.postMultipart(page + "/ceus", form.build());
    }

    private List<Map<String, Object>> queue(String number) {
        return http.get().uri("/api/v1/admin/ceu-submissions?program=CCXP")
            .headers(h -> h.setBasicAuth("auditor", "registry-dev-auditor")).exchange().expectStatus().isOk()
            .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
            }).returnResult().getResponseBody().stream().filter(s -> number.equals(s.get("number"))).toList();
    }

    private static String id(List<Map<String, Object>> queue, String activity) {
        return (String) queue.stream().filter(s -> activity.equals(s.get("activity"))).findFirst().orElseThrow().get("id");
    }

    private WebTestClient.ResponseSpec decide(String id, String decision, Map<String, String> body) {
        WebTestClient.RequestBodySpec request = http.post().uri("/api/v1/admin/ceu-submissions/{id}/" + decision, id)
            .headers(h -> h.setBasicAuth("admin", "registry-dev-admin"));
        return (body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body)).exchange();
    }

    private String issue(String email, String name, LocalDate awarded) {
        @SuppressWarnings("unchecked")
        Map<String, Object> issued = http.post().uri("/api/v1/admin/certificates")
            .headers(h -> h.setBasicAuth("admin", "registry-dev-admin"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", name, "email", email), "awardedOn", awarded.toString()))
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) issued.get("number");
    }
}
