package org.certregistry.web.verification.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.problem.PayloadTooLargeException;
import org.certregistry.web.verification.BatchCsv;
import org.certregistry.web.verification.BatchInput;
import org.certregistry.web.verification.BatchVerification;
import org.certregistry.web.http.UploadedBytes;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a bulk verification upload (multipart, for the page and the API): a CSV in part {@code file},
 * or up to {@link BatchVerification#MAX_DOCUMENTS} documents in parts {@code document}. A document of a
 * kind that cannot be checked becomes a row saying so; the others are still checked.
 */
final class BatchUploads {

    /** A CSV of 1,000 numbers and names is about 60 KB. */
    static final int MAX_CSV_BYTES = 1024 * 1024;

    private BatchUploads() {
    }

    static Mono<List<BatchInput>> read(MultiValueMap<String, Part> parts) {
        Part csv = parts.getFirst("file");
        List<FilePart> documents = new ArrayList<>();
        for (Part p : parts.getOrDefault("document", List.of())) {
            if (p instanceof FilePart f && !f.filename().isBlank()) {
                documents.add(f);
            }
        }
        if (csv instanceof FilePart file && !file.filename().isBlank()) {
            return bytes(file, MAX_CSV_BYTES).map(bytes -> BatchCsv.parse(new String(bytes, StandardCharsets.UTF_8)));
        }
        if (documents.isEmpty()) {
            return Mono.error(InvalidRequestException.of("file",
                    "is missing: send a CSV file (part \"file\") or documents (parts \"document\")"));
        }
        if (documents.size() > BatchVerification.MAX_DOCUMENTS) {
            return Mono.error(InvalidRequestException.of("document", "are more than " + BatchVerification.MAX_DOCUMENTS
                    + ": send at most " + BatchVerification.MAX_DOCUMENTS + " documents a batch, or their numbers as a CSV"));
        }
        return Flux.range(0, documents.size())
            .concatMap(i -> bytes(documents.get(i), UploadedDocument.MAX_BYTES).map(bytes -> document(i + 1, documents.get(i), bytes)))
            .collectList();
    }

    private static BatchInput document(int row, FilePart file, byte[] bytes) {
        try {
            UploadedDocument d = UploadedDocument.sniff(bytes, file.filename());
            return new BatchInput.Document(row, file.filename(), d.type(), d.bytes());
        }
        catch (UploadedDocument.Refused ex) {
            return new BatchInput.Unreadable(row, file.filename(), ex.key);
        }
    }

    private static Mono<byte[]> bytes(FilePart part, int max) {
        return UploadedBytes.read(part.content(), max).onErrorMap(DataBufferLimitException.class, ex -> new PayloadTooLargeException("The file " + part.filename()
                + " is larger than " + max / 1024 + " KB."));
    }
}
