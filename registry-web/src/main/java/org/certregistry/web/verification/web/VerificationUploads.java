package org.certregistry.web.verification.web;

import org.certregistry.web.http.UploadRoute;
import org.certregistry.web.verification.BatchVerification;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The verification pages' and API's uploads, open to anyone: each body bounded while it streams
 * ({@code http/BodyLimits}), so a chunked upload cannot spill parts to disk beyond it.
 */
@Configuration(proxyBeanMethods = false)
class VerificationUploads {

    /** The document plus the form's other fields and multipart framing. */
    static final long MAX_BODY = UploadedDocument.MAX_BYTES + 64 * 1024;

    /** A batch's documents together: far above what {@link BatchVerification#MAX_DOCUMENTS} certificate PDFs weigh. */
    static final long MAX_BATCH = 25L * 1024 * 1024;

    /** Said when the body is cut before the page could answer; the page words its own refusal. */
    static final String TOO_LARGE = "The file is larger than 5 MB. A certificate PDF or a photo of its QR code is much smaller: "
            + "try a smaller photo, or paste the signed credential instead.";

    static final String BATCH_TOO_LARGE = "A batch is at most 25 MB in all. Send fewer documents at once, or their "
            + "certificate numbers as a CSV.";

    @Bean
    UploadRoute verifyUpload() {
        return UploadRoute.open("/verify", MAX_BODY, TOO_LARGE);
    }

    @Bean
    UploadRoute batchPageUpload() {
        return UploadRoute.open("/verify/batch", MAX_BATCH, BATCH_TOO_LARGE);
    }

    @Bean
    UploadRoute batchApiUpload() {
        return UploadRoute.open("/api/v1/verifications/batch", MAX_BATCH, BATCH_TOO_LARGE);
    }
}
