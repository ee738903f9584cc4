package org.certregistry.web.mail;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An e-mail to be written to the outbox: its kind (the templates), recipient, language, the
 * values its templates show, and optionally the certificate it concerns and a key that makes it
 * unique (a second message with the same key is dropped).
 *
 * @param subjectArguments values for the subject's placeholders ({@code {0}}, {@code {1}}) in the message bundle
 */
public record OutgoingMail(MailKind kind, String recipient, Locale language, Map<String, Object> model,
        List<Object> subjectArguments, String certificateNumber, String dedupKey) {

    public OutgoingMail {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipient, "recipient");
        language = language == null ? Locale.ENGLISH : language;
        // a value may be null (no reason given): templates show nothing for it
        model = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(model));
        subjectArguments = List.copyOf(subjectArguments);
    }

    /** The one private link of the model, if any (the outbox seals it; a message carries at most one). */
    public java.util.Optional<PrivateLink> privateLink() {
        List<PrivateLink> links = model.values().stream().filter(PrivateLink.class::isInstance).map(PrivateLink.class::cast)
            .toList();
        if (links.size() > 1) {
            throw new IllegalArgumentException("An e-mail carries at most one private link, this one has " + links.size());
        }
        return links.stream().findFirst();
    }

    /** A message with no certificate and no uniqueness key. */
    public static OutgoingMail of(MailKind kind, String recipient, Locale language, Map<String, Object> model,
            Object... subjectArguments) {
        return new OutgoingMail(kind, recipient, language, model, List.of(subjectArguments), null, null);
    }

    public OutgoingMail withSubject(Object... arguments) {
        return new OutgoingMail(kind, recipient, language, model, List.of(arguments), certificateNumber, dedupKey);
    }

    public OutgoingMail about(String number) {
        return new OutgoingMail(kind, recipient, language, model, subjectArguments, number, dedupKey);
    }

    public OutgoingMail once(String key) {
        return new OutgoingMail(kind, recipient, language, model, subjectArguments, certificateNumber, key);
    }
}
