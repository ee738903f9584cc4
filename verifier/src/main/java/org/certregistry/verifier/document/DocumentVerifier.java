package org.certregistry.verifier.document;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.certregistry.verifier.VerificationReport;
import org.certregistry.verifier.Verifier;
import org.certregistry.verifier.check.PresentedCredential;
import org.certregistry.verifier.fetch.FetchException;
import org.certregistry.verifier.registry.RegistrySource;
import org.certregistry.verifier.status.StatusSource;

/**
 * Verifies any presented document: a compact JWT, a PDF certificate (its embedded credential,
 * cross-checked against the QR code on page 1; the QR code alone when nothing is embedded), or a
 * picture of the QR code (the registry's current credential for the number it names). The
 * report carries a {@code document} check first. Synchronous; never throws for bad input.
 *
 * <p>In stages, for a server: read the bytes (a {@link DocumentDecoder}, off the request thread),
 * {@link #present} the read document to learn which certificate it names, look that certificate up
 * once, then {@link #verify(Presented.Naming, CurrentCredentials, StatusSource, RegistrySource)}.
 * The credential is parsed once on the way.
 */
public final class DocumentVerifier {

    private final Verifier verifier;
    private final Function<byte[], ReadDocument> reader;
    private final DocumentCheck check;
    private final CurrentCredentials current;
    private final Clock clock;

    /** Reads documents on the caller's thread, within the default limits (the deadline checked cooperatively). */
    public DocumentVerifier(Verifier verifier, String registryBaseUrl, CurrentCredentials current, Clock clock) {
        this(verifier, registryBaseUrl, current, clock, new DocumentReader()::read);
    }

    /** Reads documents through the decoder: a hard deadline, the caller waits at most that long. */
    public DocumentVerifier(Verifier verifier, String registryBaseUrl, CurrentCredentials current, Clock clock,
            DocumentDecoder decoder) {
        this(verifier, registryBaseUrl, current, clock, bytes -> decoder.decodeAndWait(bytes).document());
    }

    private DocumentVerifier(Verifier verifier, String registryBaseUrl, CurrentCredentials current, Clock clock,
            Function<byte[], ReadDocument> reader) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.reader = reader;
        this.check = new DocumentCheck(registryBaseUrl);
        this.current = current;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads and verifies a document on the caller's thread, asking this verifier's own sources. */
    public VerificationReport verify(byte[] document) {
        Presented presented = present(reader.apply(document));
        return presented instanceof Presented.Naming naming ? verify(naming, current, verifier)
                : ((Presented.Answered) presented).report();
    }

    /**
     * What a read document comes to before anything is looked up: a final answer (unreadable, or
     * a QR code of another site), or the certificate it names. A server reads that certificate
     * once (asynchronously, as it likes) and then calls {@link #verify(Presented.Naming,
     * CurrentCredentials, StatusSource, RegistrySource)} with sources answering from that read.
     */
    public Presented present(ReadDocument read) {
        if (!read.readable()) {
            return new Presented.Answered(VerificationReport.of(check.unreadable(read), clock.instant()));
        }
        if (read.token() != null) {
            PresentedCredential credential = new PresentedCredential(read.token());
            return new Presented.Naming(read, credential.claimedNumber(), credential);
        }
        String number = check.numberIn(read.qrText());
        if (number == null) {
            return new Presented.Answered(
                    VerificationReport.unreadable(DocumentCheck.NAME, check.foreignQr(read.qrText()).message(), clock.instant()));
        }
        return new Presented.Naming(read, number, null);
    }

    /**
     * The checks on a document that names a certificate, with sources for that one verification:
     * the registry's current credential (asked only when the document carries none), its status and
     * its registry record. The document check comes first in the report.
     */
    public VerificationReport verify(Presented.Naming naming, CurrentCredentials current, StatusSource status,
            RegistrySource registry) {
        return verify(naming, current, verifier.withSources(status, registry));
    }

    private VerificationReport verify(Presented.Naming naming, CurrentCredentials current, Verifier checks) {
        PresentedCredential credential = naming.credential();
        if (credential == null) {
            String number = naming.number();
            if (current == null) {
                return VerificationReport.of(check.registryUnavailable(number, "no registry is configured"), clock.instant());
            }
            try {
                Optional<String> found = current.current(number);
                if (found.isEmpty()) {
                    return VerificationReport.of(check.unknownNumber(number), clock.instant());
                }
                credential = new PresentedCredential(found.get());
            }
            catch (FetchException ex) {
                return VerificationReport.of(check.registryUnavailable(number, ex.getMessage()), clock.instant());
            }
        }
        VerificationReport report = checks.verify(credential);
        // a bare credential is no document: there is nothing around it to check
        return naming.document().kind() == ReadDocument.Kind.JWT ? report
                : report.withDocumentCheck(check.of(naming.document(), credential.claimedNumber()));
    }

    /** The certificate number a token claims (read without trusting it, only to compare with the QR code). */
    public static String claimedNumber(String token) {
        return new PresentedCredential(token == null ? null : token.strip()).claimedNumber();
    }
}
