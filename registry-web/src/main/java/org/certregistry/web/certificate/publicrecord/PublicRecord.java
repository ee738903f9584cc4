package org.certregistry.web.certificate.publicrecord;

import java.time.Instant;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.program.Program;

/**
 * The public view of a certificate: never the e-mail address, the holder link or reasons given
 * internally.
 */
public record PublicRecord(String number, ProgramView program, String holderName, PublicStatus status, boolean expiringSoon,
        Instant awardedAt, Instant validFrom, Instant validUntil, String verificationUrl, Instant checkedAt,
        java.util.List<TimelineEntry> timeline) {

    /** The same record with its public story. */
    public PublicRecord withTimeline(java.util.List<TimelineEntry> entries) {
        return new PublicRecord(number, program, holderName, status, expiringSoon, awardedAt, validFrom, validUntil,
                verificationUrl, checkedAt, java.util.List.copyOf(entries));
    }

    /** The same record, said to be read at {@code checkedAt} truncated to {@code unit} (as a page shows it). */
    public PublicRecord checkedTo(java.time.temporal.TemporalUnit unit) {
        return new PublicRecord(number, program, holderName, status, expiringSoon, awardedAt, validFrom, validUntil,
                verificationUrl, checkedAt.truncatedTo(unit), timeline);
    }

    /** The program as the public sees it. */
    public record ProgramView(String code, String name, String awardedBy, String level) {

        static ProgramView of(Program p) {
            return new ProgramView(p.code(), p.name(), p.awardingBody().name(), p.level());
        }
    }

    public static PublicRecord of(Certificate c, Program program, Instant now, java.time.Duration expiringSoon,
            String verificationUrl) {
        return new PublicRecord(c.number(), ProgramView.of(program), c.holderName(), c.publicStatus(now, program.renewal().gracePeriod()),
                c.expiringSoon(now, expiringSoon), c.awardedAt(), c.validFrom(), c.validUntil(), verificationUrl, now, java.util.List.of());
    }
}
