package org.certregistry.verifier.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;
import org.certregistry.verifier.Verdict;

/** Now (give or take a small clock skew) lies inside {@code validFrom}..{@code validUntil}. */
public final class ValidityWindowCheck implements Check {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM uuuu").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Duration skew;

    public ValidityWindowCheck(Clock clock, Duration skew) {
        this.clock = clock;
        this.skew = skew;
    }

    @Override
    public CheckName name() {
        return CheckName.VALIDITY;
    }

    @Override
    public boolean essential() {
        return false;
    }

    @Override
    public CheckResult run(PresentedCredential credential) {
        Instant from = Claims.instant(credential.claims().get("validFrom"));
        Instant until = Claims.instant(credential.claims().get("validUntil"));
        Instant now = clock.instant();
        String window = DATE.format(from) + " to " + DATE.format(until);
        if (now.plus(skew).isBefore(from)) {
            return CheckResult.failed(name(), "Not valid yet: valid from " + window + ".", Verdict.NOT_YET_VALID);
        }
        if (!now.minus(skew).isBefore(until)) {
            return CheckResult.failed(name(), "Expired: it was valid from " + window + ".", Verdict.EXPIRED);
        }
        return CheckResult.passed(name(), "Within its validity window, " + window + ".");
    }
}
