package org.certregistry.verifier;

import java.util.Objects;

/**
 * One check's result.
 *
 * @param check which step
 * @param outcome how it came out
 * @param message a sentence a person understands
 * @param verdictIfFailed what a failure of this check means for the whole credential
 */
public record CheckResult(CheckName check, Outcome outcome, String message, Verdict verdictIfFailed) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(verdictIfFailed, "verdictIfFailed");
    }

    public static CheckResult passed(CheckName check, String message) {
        return new CheckResult(check, Outcome.PASSED, message, Verdict.INVALID);
    }

    public static CheckResult failed(CheckName check, String message) {
        return new CheckResult(check, Outcome.FAILED, message, Verdict.INVALID);
    }

    public static CheckResult failed(CheckName check, String message, Verdict verdict) {
        return new CheckResult(check, Outcome.FAILED, message, verdict);
    }

    public static CheckResult unavailable(CheckName check, String message) {
        return new CheckResult(check, Outcome.UNAVAILABLE, message, Verdict.UNDETERMINED);
    }

    public static CheckResult skipped(CheckName check, String message) {
        return new CheckResult(check, Outcome.SKIPPED, message, Verdict.UNDETERMINED);
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
