package org.certregistry.web.holder;

import java.time.ZoneOffset;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import com.openhtmltopdf.util.JDKXRLogger;
import com.openhtmltopdf.util.XRLog;
import org.certregistry.issuer.pdf.CertificateDocument;
import org.certregistry.issuer.pdf.CertificateLanguages;
import org.certregistry.issuer.pdf.CertificatePdfRenderer;
import org.certregistry.issuer.pdf.CertificatePreview;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateNotFoundException;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.CredentialTwins;
import org.certregistry.web.certificate.CredentialVersion;
import org.certregistry.web.certificate.HolderLinks;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** What a holder reaches through the private link: the certificate, its credential, its PDF and preview. */
@Service
public class HolderCertificates {

    private final Certificates certificates;
    private final CredentialTwins twins;
    private final ProgramCatalog programs;
    private final CertificateDocuments documents;
    private final RegistryUrls urls;
    private final HolderProperties properties;
    private final CertificatePdfRenderer renderer = new CertificatePdfRenderer();

    HolderCertificates(Certificates certificates, CredentialTwins twins, ProgramCatalog programs,
            CertificateDocuments documents, RegistryUrls urls, HolderProperties properties) {
        this.certificates = certificates;
        this.twins = twins;
        this.programs = programs;
        this.documents = documents;
        this.urls = urls;
        this.properties = properties;
        // openhtmltopdf writes every render's progress to stderr; keep only its warnings, in the application's log
        XRLog.setLoggerImpl(new JDKXRLogger(true, Level.WARNING, new Handler() {
            @Override
            public void publish(LogRecord record) {
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }, new SimpleFormatter()));
    }

    /** The certificate behind a private link; an unknown or malformed link is "not found", never a hint. */
    public Mono<Certificate> byToken(String token) {
        if (!HolderLinks.wellFormed(token)) {
            return Mono.error(new CertificateNotFoundException("for this link"));
        }
        return certificates.findByHolderTokenHash(HolderLinks.hash(token))
            .switchIfEmpty(Mono.error(() -> new CertificateNotFoundException("for this link")));
    }

    public Mono<CredentialVersion> credential(Certificate certificate) {
        return certificates.currentCredential(certificate);
    }

    /** The Data Integrity twin of the current version; empty when it has none. */
    public Mono<String> twin(Certificate certificate) {
        return twins.current(certificate);
    }

    /** The printable PDF of the current credential version in English, and its tag. */
    public Mono<RenderedDocument> pdfDocument(Certificate certificate) {
        return pdfDocument(certificate, CertificateLanguages.DEFAULT);
    }

    /**
     * The printable PDF of the current credential version worded in {@code language} (one of
     * {@link CertificateLanguages#SUPPORTED}), and its tag: rendered once per language, then served from memory.
     */
    public Mono<RenderedDocument> pdfDocument(Certificate certificate, Locale language) {
        CertificateDocuments.Key key = new CertificateDocuments.Key(certificate.id(), certificate.credentialVersion(),
                CertificateDocuments.Kind.PDF, language);
        return documents.get(key, () -> credential(certificate)
            .switchIfEmpty(Mono.error(() -> new IllegalStateException("Certificate " + certificate.number()
                    + " has no stored credential version " + certificate.credentialVersion())))
            .flatMap(credential -> documents.onRenderers(() -> renderer.render(document(certificate, credential, language)))));
    }

    /** A PNG picture of the English PDF's page, for the holder's page. */
    public Mono<RenderedDocument> previewDocument(Certificate certificate) {
        CertificateDocuments.Key key = new CertificateDocuments.Key(certificate.id(), certificate.credentialVersion(),
                CertificateDocuments.Kind.PNG);
        return pdfDocument(certificate).flatMap(pdf -> documents.get(key,
                () -> documents.onRenderers(() -> CertificatePreview.png(pdf.bytes(), properties.previewDpi()))));
    }

    private CertificateDocument document(Certificate certificate, CredentialVersion credential, Locale language) {
        Program program = programs.find(certificate.programCode())
            .orElseThrow(() -> new IllegalStateException("Certificate " + certificate.number() + " names program "
                    + certificate.programCode() + ", which is not configured"));
        return new CertificateDocument(program.template(), certificate.holderName(), program.name(), program.code(),
                program.awardingBody().name(), certificate.number(),
                certificate.awardedAt().atZone(ZoneOffset.UTC).toLocalDate(),
                credential.validFrom().atZone(ZoneOffset.UTC).toLocalDate(),
                credential.validUntil().atZone(ZoneOffset.UTC).toLocalDate(),
                urls.verificationPage(certificate.number()), credential.jwt(), language);
    }
}
