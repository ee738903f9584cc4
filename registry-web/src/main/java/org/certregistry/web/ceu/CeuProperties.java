package org.certregistry.web.ceu;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * CEU submissions by holders ({@code registry.ceu.*}).
 *
 * @param maxEvidence the largest evidence file accepted
 * @param auditShare the share of submissions flagged for audit at random (0.05: one in twenty)
 * @param maxPending submissions of one certificate that may wait for review at once (a holder once sent seven in a
 *        minute, each up to 5 MB, all kept in PostgreSQL)
 * @param maxPendingEvidence the evidence of one certificate's waiting submissions, in all
 */
@ConfigurationProperties("registry.ceu")
public record CeuProperties(@DefaultValue("5MB") DataSize maxEvidence, @DefaultValue("0.05") double auditShare,
        @DefaultValue("10") int maxPending, @DefaultValue("25MB") DataSize maxPendingEvidence) {

    public CeuProperties {
        if (auditShare < 0 || auditShare > 1) {
            throw new IllegalArgumentException("registry.ceu.audit-share must be between 0 and 1");
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("registry.ceu.max-pending must be at least 1");
        }
        if (maxPendingEvidence.compareTo(maxEvidence) < 0) {
            throw new IllegalArgumentException("registry.ceu.max-pending-evidence must be at least registry.ceu.max-evidence");
        }
    }
}
