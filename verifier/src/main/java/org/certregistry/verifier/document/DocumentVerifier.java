package org.certregistry.verifier.document;

import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jwt.SignedJWT;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.verifier.Verifier;
import org.certregistry.verifier.fetch.FetchException;

/**
 * Verifies any presented document: a compact JWT, a PDF certificate (its embedded credential,
 * cross-checked against the QR code on page 1; the QR code alone when nothing is embedded), or a
 * picture of the QR code (the registry's current credential for the number it names). The
 * report carries a {@value DocumentCheck#NAME} check first. Synchronous; never throws for bad input.
 */
public final class DocumentVerifier {

    private final Verifier verifier;
    private final DocumentReader reader;
    private final DocumentCheck check;
    private final CurrentCredentials current;
    private final Clock clock;

    public DocumentVerifier(Verifier verifier, String registryBaseUrl, CurrentCredentials current, Clock clock) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.reader = new DocumentReader();
        this.check = new DocumentCheck(registryBaseUrl);
        this.current = current;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public VerificationReport verify(byte[] document) {
        ReadDocument read = reader.read(document);
        if (!read.readable()) {
            return VerificationReport.unreadable(DocumentCheck.NAME, read.problem(), clock.instant());
        }
        String token = read.token();
        if (token == null) {
            String number = check.numberIn(read.qrText());
            if (number == null) {
                return VerificationReport.unreadable(DocumentCheck.NAME, check.foreignQr(read.qrText()).message(), clock.instant());
            }
            if (current == null) {
                return VerificationReport.of(check.registryUnavailable(number, "no registry is configured"), clock.instant());
            }
            try {
                Optional<String> found = current.current(number);
                if (found.isEmpty()) {
                    return VerificationReport.of(check.unknownNumber(number), clock.instant());
                }
                token = found.get();
            }
            catch (FetchException ex) {
                return VerificationReport.of(check.registryUnavailable(number, ex.getMessage()), clock.instant());
            }
        }
        VerificationReport report = verifier.verify(token);
        return report.withDocumentCheck(check.of(read, claimedNumber(token)));
    }

    /** The certificate number a token claims (read without trusting it, only to compare with the QR code). */
    public static String claimedNumber(String token) {
        try {
            Object subject = SignedJWT.parse(token).getJWTClaimsSet().getClaim("credentialSubject");
            Object number = subject instanceof Map<?, ?> map ? map.get("licenseNumber") : null;
            return number instanceof String s ? s : null;
        }
        catch (ParseException | RuntimeException ex) {
            return null;
        }
    }
}
