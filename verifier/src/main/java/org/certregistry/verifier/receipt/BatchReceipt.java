package org.certregistry.verifier.receipt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import org.certregistry.verifier.check.HeaderCheck;

/**
 * The registry's signed receipt for a bulk verification: which rows were checked, with what
 * outcome, and when. It is signed with the credential key, so it is kept apart from credentials
 * by its header type {@value #TYP} (which the credential verifier's header check refuses) and by
 * its audience ({@link #audience}). The claims are the registry's own ({@code type}
 * {@value #TYPE}): {@code iss} (the registry), {@code aud}, {@code iat} (when the batch was
 * checked), {@code exp} (after which the receipt is no longer to be relied on) and {@code rows},
 * one object per row with {@code row}, {@code input}, {@code number}, {@code outcome} and
 * {@code name} (MATCH, DOES_NOT_MATCH, NOT_GIVEN).
 *
 * <p>A row echoes what the caller sent; each text is made {@link #cell safe to print} and at most
 * {@value #MAX_CELL} characters (950 cells of 1,000 characters made a 2.49 MB answer, and escape
 * sequences reached the terminal of whoever printed the receipt).
 */
public record BatchReceipt(String issuer, Instant checkedAt, Instant expiresAt, List<Row> rows) {

    public static final String TYPE = "BatchVerificationReceipt";
    /** The JWS header {@code typ} of a receipt; credentials have {@code JWT}. */
    public static final String TYP = HeaderCheck.RECEIPT_TYPE;
    /** The most characters of a caller's text a receipt keeps, ellipsis included. */
    public static final int MAX_CELL = 200;

    public BatchReceipt {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        rows = List.copyOf(rows);
    }

    /** The header type to sign a receipt with. */
    public static JOSEObjectType headerType() {
        return new JOSEObjectType(TYP);
    }

    /** Who a receipt of {@code registry} is for: readers of its bulk verifications, not credential verifiers. */
    public static String audience(String registry) {
        return registry + "/verify/batch";
    }

    /** One checked row as the registry answered it; its texts are {@link #cell cells}. */
    public record Row(int row, String input, String number, String outcome, String name) {

        public Row {
            input = cell(input);
            number = cell(number);
            outcome = cell(outcome);
            name = cell(name);
        }
    }

    /**
     * A caller's text as a receipt keeps and prints it: without control characters (C0, DEL, C1: the
     * escape sequences of a terminal), bidirectional overrides or line separators, and at most
     * {@value #MAX_CELL} characters (a longer one ends in "…"). The same text twice gives the same cell.
     */
    public static String cell(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CELL));
        int kept = 0;
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (unprintable(c)) {
                continue;
            }
            if (kept == MAX_CELL) {
                // one more to show: the last kept one gives way to the ellipsis
                out.setLength(out.offsetByCodePoints(out.length(), -1));
                out.append('…');
                return out.toString();
            }
            out.appendCodePoint(c);
            kept++;
        }
        return out.toString();
    }

    private static boolean unprintable(int c) {
        return Character.getType(c) == Character.CONTROL
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                || c == 0x061C || c == 0x2028 || c == 0x2029;
    }

    /** The claims to sign: what {@link BatchReceiptCheck} reads back. */
    public JWTClaimsSet claims() {
        List<Map<String, Object>> list = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("row", r.row());
            m.put("input", r.input());
            m.put("number", r.number());
            m.put("outcome", r.outcome());
            m.put("name", r.name());
            list.add(m);
        }
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience(issuer)).issueTime(Date.from(checkedAt))
            .expirationTime(Date.from(expiresAt)).claim("type", TYPE).claim("rows", list).build();
    }
}
