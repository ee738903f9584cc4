package org.certregistry.web.ceu;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * CEU submissions by holders ({@code registry.ceu.*}).
 *
 * @param maxEvidence the largest evidence file accepted
 * @param auditShare the share of submissions flagged for audit at random (0.05: one in twenty)
 */
@ConfigurationProperties("registry.ceu")
public record CeuProperties(@DefaultValue("5MB") DataSize maxEvidence, @DefaultValue("0.05") double auditShare) {

    public CeuProperties {
        if (auditShare < 0 || auditShare > 1) {
            throw new IllegalArgumentException("registry.ceu.audit-share must be between 0 and 1");
        }
    }
}
