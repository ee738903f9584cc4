package org.certregistry.verifier.cli;

import java.io.PrintStream;
import java.time.Clock;

import org.certregistry.verifier.keys.KeySource;
import org.certregistry.verifier.receipt.BatchReceipt;
import org.certregistry.verifier.receipt.BatchReceiptCheck;

/** {@code verify --receipt}: prints what a genuine bulk-verification receipt says, or why it is not one. */
final class ReceiptCommand {

    private ReceiptCommand() {
    }

    static int check(String token, KeySource keys, String registry, Clock clock, PrintStream out) {
        BatchReceiptCheck.Result result = new BatchReceiptCheck(keys, registry, clock).check(token);
        if (result instanceof BatchReceiptCheck.Result.Refused refused) {
            out.println("NOT GENUINE — " + refused.reason());
            return VerifyCommand.NOT_VALID;
        }
        BatchReceipt receipt = ((BatchReceiptCheck.Result.Genuine) result).receipt();
        out.println("GENUINE — " + receipt.rows().size() + " rows checked by " + receipt.issuer() + " at " + receipt.checkedAt()
                + ", to be relied on until " + receipt.expiresAt());
        // every text of a row is a cell already (no control characters, at most 200 characters): safe on a terminal
        for (BatchReceipt.Row row : receipt.rows()) {
            out.printf("  %4d  %-20s %-20s %-20s name %s%n", row.row(), row.number() == null ? "-" : row.number(),
                    row.outcome(), abbreviate(row.input()), row.name());
        }
        return VerifyCommand.VALID;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 20 ? s.substring(0, 19) + "…" : s;
    }
}
