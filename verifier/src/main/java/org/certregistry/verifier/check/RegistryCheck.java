package org.certregistry.verifier.check;

import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;
import org.certregistry.verifier.Verdict;
import org.certregistry.verifier.registry.RegistryLookup;
import org.certregistry.verifier.registry.RegistrySource;

/** The registry's current word: not suspended or revoked, and this is the current version. */
public final class RegistryCheck implements Check {

    private final RegistrySource registry;

    public RegistryCheck(RegistrySource registry) {
        this.registry = registry;
    }

    @Override
    public CheckName name() {
        return CheckName.REGISTRY;
    }

    @Override
    public boolean essential() {
        return false;
    }

    @Override
    public CheckResult run(PresentedCredential credential) {
        String number = Claims.string(Claims.path(credential.claims(), "credentialSubject", "licenseNumber"));
        String id = Claims.string(credential.claims().get("id"));
        RegistryLookup lookup = registry.lookup(number, id, Claims.instant(credential.claims().get("validFrom")));
        if (lookup instanceof RegistryLookup.Current) {
            return CheckResult.passed(name(), "The registry lists certificate " + number
                    + " in good standing, and this is its current version.");
        }
        if (lookup instanceof RegistryLookup.Suspended s) {
            return CheckResult.failed(name(), "The registry shows certificate " + number + " as suspended" + reason(s.reason()),
                    Verdict.SUSPENDED);
        }
        if (lookup instanceof RegistryLookup.Revoked r) {
            return CheckResult.failed(name(), "The registry shows certificate " + number + " as revoked" + reason(r.reason()),
                    Verdict.REVOKED);
        }
        if (lookup instanceof RegistryLookup.Superseded s) {
            return CheckResult.failed(name(), "A renewal replaced this version of certificate " + number
                    + "; the current one is at " + s.currentUrl() + ".", Verdict.SUPERSEDED);
        }
        if (lookup instanceof RegistryLookup.Lapsed) {
            return CheckResult.failed(name(), "The registry shows certificate " + number + " as lapsed: it expired and was "
                    + "not renewed within the program's grace period.", Verdict.LAPSED);
        }
        if (lookup instanceof RegistryLookup.Unknown) {
            return CheckResult.failed(name(), "The registry has no certificate " + number + ".");
        }
        return CheckResult.unavailable(name(), "The registry could not be asked: " + ((RegistryLookup.Unavailable) lookup).reason());
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "." : ": " + reason + ".";
    }
}
