package org.certregistry.web.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.ceu.CeuLedger;
import org.certregistry.web.certificate.Issuance;
import org.certregistry.web.certificate.IssueCertificate;
import org.certregistry.web.certificate.IssuedCertificate;
import org.certregistry.web.certificate.Lifecycle;
import org.certregistry.web.certificate.ceu.RecordCeus;
import org.certregistry.web.certificate.RenewalRefusedException;
import org.certregistry.web.support.OwnPort;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A third program (CCXA) exists only in the {@code third-program} profile's properties: it is
 * issued, signed and held to its own renewal rule without any Java change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("third-program")
class ProgramsAsDataTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        OwnPort.register(registry, OwnPort.free());
    }

    @Autowired
    ProgramCatalog programs;

    @Autowired
    Issuance issuance;

    @Autowired
    Lifecycle lifecycle;

    @Autowired
    CeuLedger ceus;

    @Test
    void aProgramAddedInPropertiesIsIssuedAndRenewedByItsOwnRule() throws Exception {
        assertThat(programs.all()).extracting(Program::code).containsExactly("CCXA", "CCXP", "CXSP");
        Program ccxa = programs.find("ccxa").orElseThrow();
        assertThat(ccxa.renewal().gracePeriod()).hasDays(30);

        Instant awarded = Instant.now().minus(Duration.ofDays(100)).truncatedTo(ChronoUnit.DAYS);
        IssuedCertificate issued = issuance.issue(IssueCertificate.of(programs, "CCXA", "Audra Auditor", "audra@example.org",
                true, awarded, Instant.now()), "test").block();
        assertThat(issued.certificate().number()).startsWith("CCXA-");
        assertThat(issued.certificate().validUntil()).isEqualTo(awarded.atOffset(ZoneOffset.UTC).plusYears(3).toInstant());
        SignedJWT jwt = SignedJWT.parse(issued.credentialJwt());
        @SuppressWarnings("unchecked")
        Map<String, Object> achievement = (Map<String, Object>) ((Map<String, Object>) jwt.getJWTClaimsSet()
            .getJSONObjectClaim("credentialSubject")).get("achievement");
        assertThat(achievement.get("name")).isEqualTo("Certified Customer Experience Auditor (CCXA)");

        String number = issued.certificate().number();
        java.time.LocalDate earned = java.time.LocalDate.ofInstant(awarded, ZoneOffset.UTC).plusDays(5);
        ceus.record(CertificateNumber.parse(number), RecordCeus.of(ccxa.renewal(), "audits", "audit-day", 4, earned, null), "test").block();
        assertThatThrownBy(() -> lifecycle.renew(CertificateNumber.parse(number), null, "test").block())
            .isInstanceOf(RenewalRefusedException.class)
            .hasMessageContaining("15 CEUs are missing: 15 of the required 30")
            .hasMessageContaining("audits is already at the limit of 15");
        ceus.record(CertificateNumber.parse(number), RecordCeus.of(ccxa.renewal(), "teaching", "ceu", 15, earned, null), "test").block();
        assertThat(lifecycle.renew(CertificateNumber.parse(number), null, "test").block().credentialVersion()).isEqualTo(2);
    }
}
