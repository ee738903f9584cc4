package org.certregistry.web.holder.web;

import org.certregistry.web.ceu.CeuProperties;
import org.certregistry.web.http.UploadRoute;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A CEU's evidence: uploaded by a signed-in holder only, refused unread for anyone else. */
@Configuration(proxyBeanMethods = false)
class EvidenceUploads {

    @Bean
    UploadRoute ceuEvidenceUpload(HolderSession sessions, CeuProperties properties) {
        long evidence = properties.maxEvidence().toBytes();
        return UploadRoute.signedIn("/holder/certificates/{number}/ceus", evidence + 64 * 1024,
                "The evidence is larger than " + properties.maxEvidence().toMegabytes() + " MB: a PDF or photo of the "
                        + "certificate of attendance is much smaller.",
                exchange -> sessions.email(exchange).hasElement());
    }
}
