package org.certregistry.web.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reads e-mails back from the in-process SMTP server, as a holder's mail program would. */
public final class Mailbox {

    /** One received e-mail: its parts decoded. */
    public record Mail(String to, String subject, String text, String html, String messageId) {

        /** The first link in the plain text that starts with {@code prefix}. */
        public String link(String prefix) {
            Matcher m = Pattern.compile(Pattern.quote(prefix) + "\\S+").matcher(text);
            if (!m.find()) {
                throw new AssertionError("No link starting " + prefix + " in:\n" + text);
            }
            return m.group();
        }
    }

    private final GreenMail server;

    Mailbox(GreenMail server) {
        this.server = server;
    }

    /** Every e-mail received for {@code address}, oldest first. */
    public List<Mail> to(String address) {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                if (message.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(address)) {
                    mails.add(read(message));
                }
            }
            catch (Exception ex) {
                throw new AssertionError("Cannot read a received e-mail", ex);
            }
        }
        return mails;
    }

    /** Waits (at most 30 s) for an e-mail to {@code address} whose subject matches, and answers it. */
    public Mail await(String address, Predicate<String> subject) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(giveUp)) {
            List<Mail> matching = to(address).stream().filter(m -> subject.test(m.subject())).toList();
            if (!matching.isEmpty()) {
                return matching.get(matching.size() - 1);
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
        throw new AssertionError("No e-mail to " + address + " with a matching subject within 30 s; received: "
                + to(address).stream().map(Mail::subject).toList());
    }

    private static Mail read(MimeMessage message) throws Exception {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        collect(message, text, html);
        return new Mail(message.getRecipients(Message.RecipientType.TO)[0].toString(), message.getSubject(), text.toString(),
                html.toString(), message.getHeader("X-Registry-Message", null));
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html) throws Exception {
        if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        }
        else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        }
        else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, text, html);
            }
        }
    }
}
