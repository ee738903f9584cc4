package org.certregistry.web.verification;

import org.certregistry.verifier.document.DocumentDecoder;
import org.certregistry.verifier.document.DocumentLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one decoder of untrusted documents: its own threads and queue, so a flood of hostile files cannot delay signing. */
@Configuration(proxyBeanMethods = false)
class DocumentDecoding {

    @Bean(destroyMethod = "close")
    DocumentDecoder documentDecoder(VerificationProperties properties) {
        DocumentLimits limits = new DocumentLimits(CredentialVerification.MAX_DOCUMENT_BYTES, DocumentLimits.DEFAULTS.maxPixels(),
                DocumentLimits.DEFAULTS.maxPages(), DocumentLimits.DEFAULTS.maxEmbeddedBytes(), properties.maxFinderCandidates(),
                properties.maxQrAttempts(), DocumentLimits.DEFAULTS.maxPdfMemoryBytes(), properties.decoderDeadline());
        return new DocumentDecoder(limits, properties.decoderThreads(), properties.decoderQueue());
    }
}
