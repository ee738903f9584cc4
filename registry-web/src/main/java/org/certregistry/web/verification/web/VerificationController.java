package org.certregistry.web.verification.web;

import java.time.Instant;
import java.util.List;

import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;
import org.certregistry.verifier.CredentialSummary;
import org.certregistry.verifier.Outcome;
import org.certregistry.verifier.Verdict;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.web.http.RateLimited;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.problem.PayloadTooLargeException;
import org.certregistry.web.tally.Channel;
import org.certregistry.web.verification.CredentialVerification;
import org.certregistry.web.verification.UnsupportedDocumentException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/verifications}: a presented credential in, a verdict with every check out.
 * A genuine request answers 200 whatever the verdict; input that is not a credential at all is
 * a 4xx problem.
 */
@RestController
class VerificationController {

    private final CredentialVerification verification;
    private final Messages messages;

    VerificationController(CredentialVerification verification, Messages messages) {
        this.verification = verification;
        this.messages = messages;
    }

    record Check(String check, Outcome outcome, String message) {
        static Check of(CheckResult r) {
            return new Check(r.check().word(), r.outcome(), r.message());
        }
    }

    record Answer(Verdict verdict, String summary, List<Check> checks, CredentialSummary credential, Instant checkedAt) {
        /** The summary in English: the API speaks no other language (docs/api.md). */
        static Answer of(VerificationReport report, Messages messages) {
            return new Answer(report.verdict(), VerdictWords.of(report).english(messages),
                    report.checks().stream().map(Check::of).toList(),
                    report.credential().orElse(null), report.checkedAt());
        }
    }

    @RateLimited(value = "verification", burst = 20, perSecond = 2)
    @PostMapping(path = "/api/v1/verifications")
    Mono<ResponseEntity<Answer>> verify(@RequestHeader(name = "Content-Type", required = false) MediaType type,
            @RequestBody(required = false) byte[] body) {
        if (body == null || body.length == 0) {
            return Mono.error(InvalidRequestException.of("body", "is empty: send the credential (a compact JWT), a PDF or a QR-code image"));
        }
        if (!CredentialVerification.supports(type)) {
            return Mono.error(new UnsupportedDocumentException(type));
        }
        int max = CredentialVerification.maxBytes(type);
        if (body.length > max) {
            return Mono.error(new PayloadTooLargeException("A " + type + " body is at most " + max + " bytes; this one is "
                    + body.length + "."));
        }
        return verification.verifyDocument(type, body, Channel.API).map(report -> {
            // no credential could be found at all: the body is unprocessable, not a verdict on a credential
            boolean unreadable = report.check(CheckName.FORMAT).map(c -> !c.passed()).orElse(false)
                    || (report.check(CheckName.SIGNATURE).isEmpty() && report.verdict() == Verdict.INVALID);
            return ResponseEntity.status(unreadable ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK).body(Answer.of(report, messages));
        });
    }
}
