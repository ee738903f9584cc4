package org.certregistry.verifier.check;

import java.util.Map;

import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;
import org.certregistry.verifier.Verdict;
import org.certregistry.verifier.status.StatusLookup;
import org.certregistry.verifier.status.StatusSource;

/** The credential's revocation bit in the issuer's Bitstring Status List is clear. */
public final class StatusListCheck implements Check {

    private final StatusSource status;

    public StatusListCheck(StatusSource status) {
        this.status = status;
    }

    @Override
    public CheckName name() {
        return CheckName.STATUS;
    }

    @Override
    public boolean essential() {
        return false;
    }

    @Override
    public CheckResult run(PresentedCredential credential) {
        Map<String, Object> entry = Claims.object(credential.claims().get("credentialStatus"));
        String listUrl = entry == null ? null : Claims.string(entry.get("statusListCredential"));
        String index = entry == null ? null : Claims.string(entry.get("statusListIndex"));
        if (listUrl == null || index == null || !index.matches("\\d{1,9}")
                || !"BitstringStatusListEntry".equals(entry.get("type")) || !"revocation".equals(entry.get("statusPurpose"))) {
            return CheckResult.failed(name(), "The credential has no usable revocation status entry.");
        }
        String issuerId = Claims.string(Claims.path(credential.claims(), "issuer", "id"));
        StatusLookup lookup = status.lookup(issuerId, listUrl, Integer.parseInt(index));
        if (lookup instanceof StatusLookup.Set set) {
            return CheckResult.failed(name(), "Revoked: the issuer's revocation list marks this credential (" + set.source() + ").",
                    Verdict.REVOKED);
        }
        if (lookup instanceof StatusLookup.Clear clear) {
            return CheckResult.passed(name(), "Not revoked: the issuer's revocation list does not mark it (" + clear.source() + ").");
        }
        if (lookup instanceof StatusLookup.Invalid invalid) {
            return CheckResult.failed(name(), "The revocation list is not the issuer's: " + invalid.reason());
        }
        return CheckResult.unavailable(name(), "Revocation could not be checked: " + ((StatusLookup.Unavailable) lookup).reason());
    }
}
