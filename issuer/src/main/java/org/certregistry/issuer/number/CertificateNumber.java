package org.certregistry.issuer.number;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A certificate number such as {@code CCXP-7K3-M9Q-XT4}: the program code, eight random
 * characters and one check character, in groups of three.
 *
 * <p>The characters come from Crockford's base 32 (no I, L, O or U), so a number is unambiguous
 * read aloud or retyped; {@link #parse} accepts lower case, missing hyphens and the look-alikes
 * O/I/L. Numbers are random, so they reveal nothing about issuance order and cannot be
 * enumerated. The check character (Luhn mod 32) catches any single mistyped character and any
 * swap of two neighbouring characters.
 */
public record CertificateNumber(String program, String payload) {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int RANDOM_LENGTH = 8;
    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    public CertificateNumber {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(payload, "payload");
        if (!program.matches("[A-Z][A-Z0-9]{1,9}")) {
            throw new InvalidCertificateNumberException(InvalidCertificateNumberException.Reason.MALFORMED,
                    "The program part must be 2-10 capital letters or digits");
        }
        if (payload.length() != RANDOM_LENGTH + 1 || !payload.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new InvalidCertificateNumberException(InvalidCertificateNumberException.Reason.MALFORMED,
                    "A certificate number ends in nine characters from 0-9 and A-Z without I, L, O, U");
        }
        if (checkCharacter(payload.substring(0, RANDOM_LENGTH)) != payload.charAt(RANDOM_LENGTH)) {
            throw new InvalidCertificateNumberException(InvalidCertificateNumberException.Reason.CHECK_FAILED,
                    "The check character does not match: one character is probably mistyped");
        }
    }

    /** A new random number for the program, from a cryptographically strong source. */
    public static CertificateNumber random(String program) {
        return random(program, SECURE_RANDOM);
    }

    /** A new random number for the program, drawn from the given generator. */
    public static CertificateNumber random(String program, RandomGenerator random) {
        StringBuilder body = new StringBuilder(RANDOM_LENGTH + 1);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        body.append(checkCharacter(body));
        return new CertificateNumber(program.toUpperCase(Locale.ROOT), body.toString());
    }

    /**
     * Reads a number as a person may type it: any case, with or without hyphens and spaces, with
     * O for 0 and I or L for 1 in the random part.
     *
     * @throws InvalidCertificateNumberException saying what is wrong with it
     */
    public static CertificateNumber parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidCertificateNumberException(InvalidCertificateNumberException.Reason.MALFORMED,
                    "No certificate number given");
        }
        if (text.length() > 64) {
            throw new InvalidCertificateNumberException(InvalidCertificateNumberException.Reason.MALFORMED,
                    "That is too long to be a certificate number");
        }
        String compact = text.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-_.]", "");
        if (!compact.matches("[A-Z0-9]+") || compact.length() < RANDOM_LENGTH + 3) {
            throw new InvalidCertificateNumberException(InvalidCertificateNumberException.Reason.MALFORMED,
                    "A certificate number looks like CCXP-7K3-M9Q-XT4");
        }
        int split = compact.length() - (RANDOM_LENGTH + 1);
        String payload = compact.substring(split).replace('O', '0').replace('I', '1').replace('L', '1');
        return new CertificateNumber(compact.substring(0, split), payload);
    }

    /** The number this text reads as, or empty when it is none (for a claim that is only a hint, such as a credential's). */
    public static java.util.Optional<CertificateNumber> tryParse(String text) {
        try {
            return java.util.Optional.of(parse(text));
        }
        catch (InvalidCertificateNumberException ex) {
            return java.util.Optional.empty();
        }
    }

    /** The canonical form, e.g. {@code CCXP-7K3-M9Q-XT4}. */
    public String value() {
        return program + "-" + payload.substring(0, 3) + "-" + payload.substring(3, 6) + "-" + payload.substring(6);
    }

    @Override
    public String toString() {
        return value();
    }

    static char checkCharacter(CharSequence body) {
        int n = ALPHABET.length();
        int factor = 2;
        int sum = 0;
        for (int i = body.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(body.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return ALPHABET.charAt((n - sum % n) % n);
    }
}
