package org.certregistry.verifier.receipt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The registry's signed receipt for a bulk verification: which rows were checked, with what
 * outcome, and when. The claims are the registry's own ({@code type}
 * {@value #TYPE}): {@code iss} (the registry), {@code iat} (when the batch was checked) and
 * {@code rows}, one object per row with {@code row}, {@code input}, {@code number},
 * {@code outcome} and {@code name} (MATCH, DOES_NOT_MATCH, NOT_GIVEN).
 */
public record BatchReceipt(String issuer, Instant checkedAt, List<Row> rows) {

    public static final String TYPE = "BatchVerificationReceipt";

    public BatchReceipt {
        rows = List.copyOf(rows);
    }

    /** One checked row as the registry answered it. */
    public record Row(int row, String input, String number, String outcome, String name) {
    }

    /** The claims to sign: what {@link BatchReceiptCheck} reads back. */
    public JWTClaimsSet claims() {
        List<Map<String, Object>> list = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("row", r.row());
            m.put("input", r.input());
            m.put("number", r.number());
            m.put("outcome", r.outcome());
            m.put("name", r.name());
            list.add(m);
        }
        return new JWTClaimsSet.Builder().issuer(issuer).issueTime(java.util.Date.from(checkedAt)).claim("type", TYPE)
            .claim("rows", list).build();
    }
}
