package org.certregistry.verifier;

/** How one check came out. */
public enum Outcome {
    /** The check was made and the credential passed it. */
    PASSED,
    /** The check was made and the credential failed it. */
    FAILED,
    /** The check could not be made (a source was unreachable or too stale to vouch for). */
    UNAVAILABLE,
    /** The check was not made because an earlier, essential check did not pass. */
    SKIPPED
}
