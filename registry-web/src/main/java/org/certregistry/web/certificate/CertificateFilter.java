package org.certregistry.web.certificate;

import java.util.Locale;

/**
 * What an admin looks for in the list: any of program, public status, "expiring soon", and a
 * text matched against number, name and e-mail. Nulls mean "any".
 */
public record CertificateFilter(String program, PublicStatus status, boolean expiringSoon, String text, int page, int size) {

    public static final int MAX_SIZE = 200;

    public CertificateFilter {
        program = program == null || program.isBlank() ? null : program.strip().toUpperCase(Locale.ROOT);
        text = text == null || text.isBlank() ? null : text.strip();
        if (text != null && text.length() > 200) {
            text = text.substring(0, 200);
        }
        page = Math.max(page, 0);
        size = size < 1 ? 50 : Math.min(size, MAX_SIZE);
    }
}
