package org.certregistry.web.certificate.publicrecord;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;

/** SQL conditions for public statuses, for the admin list and the directory. */
public final class PublicStatusSql {

    private PublicStatusSql() {
    }

    /** SQL for "what the public is told now is {@code status}" ({@link Certificate#publicStatus}); binds {@code :now}. */
    public static String publicStatusIs(PublicStatus status, ProgramCatalog programs) {
        return switch (status) {
            case VALID -> "state = 'ACTIVE' AND valid_until > :now";
            case EXPIRED -> "state = 'ACTIVE' AND valid_until <= :now AND NOT " + lapsed(programs);
            case LAPSED -> "state = 'ACTIVE' AND valid_until <= :now AND " + lapsed(programs);
            case SUSPENDED -> "state = 'SUSPENDED'";
            case REVOKED -> "state = 'REVOKED'";
        };
    }

    /** SQL: the window and the program's grace period have ended (grace periods are configuration, so spelled out). */
    private static String lapsed(ProgramCatalog programs) {
        StringBuilder sql = new StringBuilder("(CASE program");
        for (Program p : programs.all()) {
            sql.append(" WHEN '").append(p.code()).append("' THEN valid_until + interval '")
                .append(p.renewal().gracePeriod().toTotalMonths()).append(" months ")
                .append(p.renewal().gracePeriod().getDays()).append(" days' < :now");
        }
        return sql.append(" ELSE false END)").toString();
    }

}
