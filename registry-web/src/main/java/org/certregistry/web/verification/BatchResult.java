package org.certregistry.web.verification;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.certregistry.verifier.receipt.BatchReceipt;

/**
 * A bulk verification's answer: a verdict per row, when they were checked, and the registry's
 * signed receipt over both ({@code org.certregistry.verifier.receipt.BatchReceipt}).
 */
public record BatchResult(Instant checkedAt, List<Row> rows, String receipt) {

    public BatchResult {
        rows = List.copyOf(rows);
    }

    /**
     * One row's verdict.
     *
     * @param input the number as typed, or the document's file name, as a {@link BatchReceipt#cell cell}: at most
     *        {@value BatchReceipt#MAX_CELL} characters, without control characters
     * @param number the certificate number found (canonical), or null
     * @param holderName the holder's name as the registry or the credential states it, or null
     * @param status the certificate's own state (VALID, EXPIRED, ...), whatever the name; null when none was found
     * @param detail a sentence for a person, in English
     * @param detailKey the bundle key of that sentence, for pages in the reader's language; null when it is the
     *        verifier's own message about a document, which is English only
     * @param detailArgs the sentence's values
     */
    public record Row(int row, String input, String number, String holderName, BatchOutcome outcome, BatchOutcome status,
            NameMatch name, String detail, @JsonIgnore String detailKey, @JsonIgnore List<Object> detailArgs) {

        public Row {
            // the caller's own text, echoed: bounded and printable, as in the receipt
            input = BatchReceipt.cell(input);
            detailArgs = detailArgs == null ? List.of() : List.copyOf(detailArgs);
        }
    }
}
