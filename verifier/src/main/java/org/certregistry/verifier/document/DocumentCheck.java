package org.certregistry.verifier.document;

import java.util.Locale;
import java.util.Objects;

import org.certregistry.verifier.CheckName;
import org.certregistry.verifier.CheckResult;
import org.certregistry.verifier.Verdict;

/**
 * The check on the document around a credential: the QR code must be the trusted registry's
 * verification URL, and on a PDF that embeds its credential it must name the same certificate
 * as the credential (a genuine credential pasted into someone else's page is caught here).
 */
public final class DocumentCheck {

    /** The name of the check in reports. */
    public static final CheckName NAME = CheckName.DOCUMENT;

    private final String registryBaseUrl;

    public DocumentCheck(String registryBaseUrl) {
        String base = Objects.requireNonNull(registryBaseUrl, "registryBaseUrl");
        this.registryBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * The certificate number a QR code names, when it is this registry's verification URL
     * {@code {base}/v/{number}}; null for anything else (another site, another path, junk).
     */
    public String numberIn(String qrText) {
        if (qrText == null) {
            return null;
        }
        String prefix = registryBaseUrl + "/v/";
        if (!qrText.startsWith(prefix)) {
            return null;
        }
        String number = qrText.substring(prefix.length());
        return number.matches("[A-Za-z0-9-]{1,40}") ? number.toUpperCase(Locale.ROOT) : null;
    }

    /**
     * A document that could not be read: not a certificate (INVALID), or refused for what reading it
     * would cost (a limit, the deadline, a busy server: UNDETERMINED, since nothing was learnt of it).
     */
    public CheckResult unreadable(ReadDocument document) {
        return document.refusedForCost() ? CheckResult.unavailable(NAME, document.problem())
                : CheckResult.failed(NAME, document.problem());
    }

    /** A QR code that is not this registry's verification URL: the document points elsewhere. */
    public CheckResult foreignQr(String qrText) {
        return CheckResult.failed(NAME, "The QR code does not lead to this registry's verification page (it holds \""
                + abbreviate(qrText) + "\"); it is not a certificate of the trusted registry.");
    }

    /** The registry has no certificate with the number the QR code names. */
    public CheckResult unknownNumber(String number) {
        return CheckResult.failed(NAME, "The QR code names certificate " + number + ", which the registry does not have.");
    }

    /** The registry could not be asked for the current credential of the number the QR code names. */
    public CheckResult registryUnavailable(String number, String reason) {
        return CheckResult.unavailable(NAME, "The QR code names certificate " + number
                + ", but the registry could not be asked for its credential (" + reason + ").");
    }

    /** The result for a document whose credential was found (embedded, or fetched by the QR code's number). */
    public CheckResult of(ReadDocument document, String credentialNumber) {
        if (document.kind() == ReadDocument.Kind.JWT) {
            return CheckResult.passed(NAME, "The credential was given as a compact JWT.");
        }
        String qrNumber = numberIn(document.qrText());
        if (document.token() == null) {
            return CheckResult.passed(NAME, "The QR code leads to this registry's page for certificate " + qrNumber
                    + "; its current credential was fetched from the registry and checked.");
        }
        if (document.qrText() == null) {
            return CheckResult.failed(NAME, "The PDF embeds a credential but its first page has no readable QR code; a "
                    + "genuine certificate always carries one.", Verdict.INVALID);
        }
        if (qrNumber == null) {
            return foreignQr(document.qrText());
        }
        if (credentialNumber == null || !qrNumber.equalsIgnoreCase(credentialNumber)) {
            return CheckResult.failed(NAME, "The QR code on the PDF names certificate " + qrNumber
                    + ", but the embedded credential is for " + credentialNumber + ": the document has been tampered with.");
        }
        return CheckResult.passed(NAME, "The PDF embeds its credential, and the QR code on its first page leads to the same "
                + "certificate, " + qrNumber + ".");
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
