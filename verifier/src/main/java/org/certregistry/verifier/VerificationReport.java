package org.certregistry.verifier;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of verifying one credential: the verdict, every check in the order made, what the
 * credential says (only when its signature holds), and when the checks were made.
 */
public record VerificationReport(Verdict verdict, List<CheckResult> checks, Optional<CredentialSummary> credential,
        Instant checkedAt) {

    public VerificationReport {
        checks = List.copyOf(checks);
    }

    /** The result of the named check, if it was part of the run. */
    public Optional<CheckResult> check(CheckName name) {
        return checks.stream().filter(c -> c.check() == name).findFirst();
    }

    /** A report made of one check (e.g. about a document whose credential could not be had), its verdict folded from it. */
    public static VerificationReport of(CheckResult only, Instant at) {
        return new VerificationReport(verdictOf(List.of(only)), List.of(only), Optional.empty(), at);
    }

    /** A report for input that held no credential at all (the reason as the only check). */
    public static VerificationReport unreadable(CheckName check, String reason, Instant at) {
        return new VerificationReport(Verdict.INVALID, List.of(CheckResult.failed(check, reason)), Optional.empty(), at);
    }

    /**
     * This report with a check about the presented document (e.g. the PDF's QR code matches its
     * embedded credential) put first, and the verdict folded again.
     */
    public VerificationReport withDocumentCheck(CheckResult document) {
        java.util.List<CheckResult> all = new java.util.ArrayList<>(checks.size() + 1);
        all.add(document);
        all.addAll(checks);
        return new VerificationReport(verdictOf(all), all, credential, checkedAt);
    }

    /** Folds the checks into a verdict: the most severe failure wins; anything unchecked blocks VALID. */
    static Verdict verdictOf(List<CheckResult> checks) {
        Verdict verdict = Verdict.VALID;
        for (CheckResult check : checks) {
            Verdict implied = switch (check.outcome()) {
                case PASSED -> Verdict.VALID;
                case FAILED -> check.verdictIfFailed();
                case UNAVAILABLE, SKIPPED -> Verdict.UNDETERMINED;
            };
            if (implied.ordinal() < verdict.ordinal()) {
                verdict = implied;
            }
        }
        return verdict;
    }
}
