package org.certregistry.web.program;

import java.time.Period;

/**
 * How holders renew a program: from how long before the window ends they may ask, and whether a
 * request that meets the rule renews at once or waits for an admin.
 *
 * @param windowOpens how long before the end of the window the holder may ask for renewal
 * @param approval who renews a request that meets the rule
 */
public record RenewalProcess(Period windowOpens, Approval approval) {

    public enum Approval {
        /** The certificate is renewed as soon as the holder asks. */
        AUTOMATIC,
        /** The request waits for an admin. */
        ADMIN
    }

    public RenewalProcess {
        windowOpens = windowOpens == null ? Period.ofDays(180) : windowOpens;
        approval = approval == null ? Approval.AUTOMATIC : approval;
        if (windowOpens.isNegative()) {
            throw new IllegalArgumentException("renewal.window-opens cannot be negative");
        }
    }
}
