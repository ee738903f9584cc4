package org.certregistry.web.verification.web;

import java.util.Locale;

import org.certregistry.verifier.Verdict;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.web.i18n.Messages;

/**
 * The verdict in one plain sentence, from the message bundles ({@code verify.sentence.*}): naming the holder and
 * the achievement when the credential could be read. The page says it in the reader's language, the API in English.
 *
 * @param key the bundle key of the sentence
 * @param args the holder's name and the achievement's, or none
 */
public record VerdictWords(String key, Object[] args) {

    public static VerdictWords of(VerificationReport report) {
        String key = "verify.sentence." + report.verdict().name();
        if (report.verdict() == Verdict.INVALID || report.verdict() == Verdict.UNDETERMINED) {
            // no credential of a trusted issuer to speak of: nobody is named
            return new VerdictWords(key, new Object[0]);
        }
        return report.credential()
            .map(c -> new VerdictWords(key, new Object[] { c.holderName(), c.achievementName() }))
            .orElseGet(() -> new VerdictWords(key + ".unnamed", new Object[0]));
    }

    public String in(Messages messages, Locale language) {
        return messages.in(language, key, args);
    }

    public String english(Messages messages) {
        return messages.english(key, args);
    }
}
