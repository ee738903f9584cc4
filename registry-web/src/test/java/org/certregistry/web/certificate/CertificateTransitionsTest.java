package org.certregistry.web.certificate;

import java.time.Instant;
import java.time.Period;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every verb from every state: what it allows, and what it refuses with the state in the message. */
class CertificateTransitionsTest {

    static final Instant AWARDED = Instant.parse("2024-03-01T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant DURING = Instant.parse("2025-06-01T10:00:00Z");
    static final Period TWO_YEARS = Period.ofYears(2);
    static final Period GRACE = Period.ofDays(90);

    static Certificate in(CertificateState state) {
        return new Certificate(UUID.randomUUID(), "CCXP-7K3-M9Q-XT4", "CCXP", UUID.randomUUID(), "Zoë Ångström",
                "zoe@example.org", "00", true, AWARDED, AWARDED, UNTIL, state,
                state == CertificateState.ACTIVE ? null : "a reason", 1, 42, 3, 1, AWARDED, AWARDED);
    }

    @Test
    void anActiveCertificateCanBeSuspendedRevokedAndRenewedButNotReinstated() {
        Certificate active = in(CertificateState.ACTIVE);
        assertThat(active.suspend("investigation", DURING).state()).isEqualTo(CertificateState.SUSPENDED);
        assertThat(active.suspend("investigation", DURING).stateReason()).isEqualTo("investigation");
        assertThat(active.revoke("fraud", DURING).state()).isEqualTo(CertificateState.REVOKED);
        assertThat(active.renew(TWO_YEARS, GRACE, DURING).credentialVersion()).isEqualTo(2);
        assertThatThrownBy(() -> active.reinstate(DURING)).isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining("Cannot reinstate certificate CCXP-7K3-M9Q-XT4 (active)");
        assertThat(active.allowedActions(DURING, GRACE)).containsExactly("suspend", "revoke", "renew");
    }

    @Test
    void aSuspendedCertificateCanBeReinstatedOrRevokedButNotSuspendedAgainNorRenewed() {
        Certificate suspended = in(CertificateState.SUSPENDED);
        Certificate reinstated = suspended.reinstate(DURING);
        assertThat(reinstated.state()).isEqualTo(CertificateState.ACTIVE);
        assertThat(reinstated.stateReason()).isNull();
        assertThat(suspended.revoke("fraud", DURING).state()).isEqualTo(CertificateState.REVOKED);
        assertThatThrownBy(() -> suspended.suspend("again", DURING)).isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining("(suspended)");
        assertThatThrownBy(() -> suspended.renew(TWO_YEARS, GRACE, DURING)).isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining("Cannot renew certificate CCXP-7K3-M9Q-XT4 (suspended): reinstate it first");
        assertThat(suspended.allowedActions(DURING, GRACE)).containsExactly("reinstate", "revoke");
    }

    @Test
    void aRevokedCertificateRefusesEveryVerbBecauseRevocationIsFinal() {
        Certificate revoked = in(CertificateState.REVOKED);
        assertThatThrownBy(() -> revoked.revoke("again", DURING)).hasMessageContaining("(revoked)")
            .hasMessageContaining("final");
        assertThatThrownBy(() -> revoked.suspend("x", DURING)).hasMessageContaining("(revoked)");
        assertThatThrownBy(() -> revoked.reinstate(DURING)).hasMessageContaining("(revoked)");
        assertThatThrownBy(() -> revoked.renew(TWO_YEARS, GRACE, DURING)).hasMessageContaining("(revoked)")
            .hasMessageContaining("revocation is final");
        assertThat(revoked.allowedActions(DURING, GRACE)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CertificateState.class)
    void aRefusalCarriesTheStateItWasRefusedIn(CertificateState state) {
        Certificate c = in(state);
        IllegalTransitionException refused = null;
        for (Runnable verb : new Runnable[] { () -> c.suspend("r", DURING), () -> c.reinstate(DURING),
                () -> c.revoke("r", DURING), () -> c.renew(TWO_YEARS, GRACE, DURING) }) {
            try {
                verb.run();
            }
            catch (IllegalTransitionException ex) {
                refused = ex;
                assertThat(ex.state()).isEqualTo(state);
                assertThat(ex.getMessage()).contains("(" + state.name().toLowerCase() + ")");
            }
        }
        assertThat(refused).as("every state refuses at least one verb").isNotNull();
    }

    @Test
    void renewalInsideTheGracePeriodContinuesTheOldCycle() {
        Instant lapsed = UNTIL.plus(Period.ofDays(30));
        Certificate renewed = in(CertificateState.ACTIVE).renew(TWO_YEARS, GRACE, lapsed);
        assertThat(renewed.validFrom()).isEqualTo(UNTIL);
        assertThat(renewed.validUntil()).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
        assertThat(renewed.awardedAt()).isEqualTo(AWARDED);
    }

    @Test
    void earlyRenewalStartsNowButEndsOneCycleAfterTheOldEnd() {
        Certificate renewed = in(CertificateState.ACTIVE).renew(TWO_YEARS, GRACE, DURING);
        assertThat(renewed.validFrom()).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
        assertThat(renewed.validUntil()).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
    }

    @Test
    void renewalAfterTheGracePeriodIsRefusedSayingWhenItEnded() {
        Instant tooLate = UNTIL.plus(Period.ofDays(91));
        Certificate active = in(CertificateState.ACTIVE);
        assertThatThrownBy(() -> active.renew(TWO_YEARS, GRACE, tooLate)).isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining("(active)")
            .hasMessageContaining("grace period for renewal ended on 2026-05-30T00:00:00Z");
        assertThat(active.allowedActions(tooLate, GRACE)).containsExactly("suspend", "revoke");
        assertThat(active.renew(TWO_YEARS, GRACE, UNTIL.plus(Period.ofDays(90))).credentialVersion()).isEqualTo(2);
    }
}
