package org.certregistry.verifier.check;

import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;

/** One step of verification. Returns its result; never throws for a bad credential. */
public interface Check {

    /** Which step this is. */
    CheckName name();

    /**
     * Whether later checks depend on this one: when an essential check does not pass, the rest
     * are skipped (nothing in an unauthenticated token is worth reading).
     */
    boolean essential();

    CheckResult run(PresentedCredential credential);
}
