package org.certregistry.web.certificate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.i18n.Languages;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The address each holder is reached at: the one the certificate was issued to, until the holder
 * confirms another. Changing it re-issues nothing; e-mails and the holder area follow it. With it,
 * the language the holder reads in ({@code certificate.holder_language}; unknown: English).
 */
@Service
public class HolderAddresses {

    private static final String REACH_AT = "lower(coalesce(contact_email, holder_email))";

    /** Where and how to write to a holder: the address, and the language of their e-mails. */
    public record Contact(String address, Locale language) {
    }

    private final DatabaseClient db;
    private final Languages languages;

    HolderAddresses(DatabaseClient db, Languages languages) {
        this.db = db;
        this.languages = languages;
    }

    /** Every certificate reached at {@code email} (any case), newest first. */
    public Flux<Certificate> certificatesOf(String email) {
        return db.sql("SELECT " + CertificateRepository.COLUMNS + " FROM certificate WHERE " + REACH_AT
                + " = lower(:email) ORDER BY awarded_at DESC, number")
            .bind("email", email).map(CertificateRepository::certificate).all();
    }

    /** Whether any certificate is reached at {@code email}. */
    public Mono<Boolean> known(String email) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM certificate WHERE " + REACH_AT + " = lower(:email))")
            .bind("email", email).map(row -> row.get(0, Boolean.class)).one();
    }

    /** The address and language the holder of {@code certificate} is reached in now (English when not known or no longer offered). */
    public Mono<Contact> contactOf(Certificate certificate) {
        return db.sql("SELECT coalesce(contact_email, holder_email) AS address, holder_language FROM certificate WHERE id = :id")
            .bind("id", certificate.id())
            .map(row -> new Contact(row.get("address", String.class), languages.orDefault(row.get("holder_language", String.class))))
            .one();
    }

    /** Remembers that the holder reached at {@code email} reads in {@code language}, for every certificate reached there. */
    public Mono<Void> rememberLanguage(String email, Locale language) {
        return db.sql("UPDATE certificate SET holder_language = :language WHERE " + REACH_AT + " = lower(:email) "
                + "AND holder_language IS DISTINCT FROM :language")
            .bind("language", language.toLanguageTag()).bind("email", email).then();
    }

    /** Remembers that the holder of {@code certificate} reads in {@code language} (their private page), for it alone. */
    public Mono<Void> rememberLanguage(Certificate certificate, Locale language) {
        return db.sql("UPDATE certificate SET holder_language = :language WHERE id = :id "
                + "AND holder_language IS DISTINCT FROM :language")
            .bind("language", language.toLanguageTag()).bind("id", certificate.id()).then();
    }

    /** The language the holder reached at {@code email} reads in (English when not known or no longer offered). */
    public Mono<Locale> languageAt(String email) {
        return db.sql("SELECT holder_language FROM certificate WHERE " + REACH_AT + " = lower(:email) "
                + "ORDER BY holder_language IS NULL, awarded_at DESC LIMIT 1")
            .bind("email", email).map(row -> Optional.ofNullable(row.get(0, String.class)))
            .one().map(tag -> languages.orDefault(tag.orElse(null))).defaultIfEmpty(languages.orDefault(null));
    }

    /** Moves every certificate reached at {@code from} to {@code to}; answers which moved (their ids). */
    public Mono<List<UUID>> move(String from, String to) {
        return db.sql("UPDATE certificate SET contact_email = :to WHERE " + REACH_AT + " = lower(:from) RETURNING id")
            .bind("from", from).bind("to", to).map(row -> row.get(0, UUID.class)).all().collectList();
    }

    /**
     * Moves these certificates to {@code to}, wherever they are reached now; answers the addresses they were reached
     * at (an address change taken back follows the certificates through any later move).
     */
    public Mono<Set<String>> moveBack(List<UUID> certificates, String to) {
        return db.sql("UPDATE certificate c SET contact_email = :to FROM (SELECT id, coalesce(contact_email, holder_email) AS was "
                + "FROM certificate WHERE id = ANY(:ids) FOR UPDATE) before WHERE c.id = before.id RETURNING before.was")
            .bind("to", to).bind("ids", certificates.toArray(UUID[]::new)).map(row -> row.get(0, String.class)).all()
            .collect(Collectors.toSet());
    }
}
