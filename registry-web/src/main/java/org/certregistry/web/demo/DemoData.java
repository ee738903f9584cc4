package org.certregistry.web.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.Issuance;
import org.certregistry.web.certificate.IssueCertificate;
import org.certregistry.web.certificate.Lifecycle;
import org.certregistry.web.database.EmbeddedDatabase;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.system.RegistryUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Demo certificates in every state, loaded on the first start of the embedded default (or when
 * {@code registry.demo-data=true}) into an empty registry. Names in several scripts.
 */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** One demo holder: program, name, how long ago awarded, what happens to it then. */
    record Demo(String program, String name, String email, Duration awardedAgo, String then, boolean listed) {
    }

    static final List<Demo> DEMOS = List.of(
            new Demo("CCXP", "Zoë Ångström", "zoe.angstrom@example.org", Duration.ofDays(90), "active", true),
            new Demo("CXSP", "Ανδρέας Παπαδόπουλος", "andreas.p@example.org", Duration.ofDays(200), "active", true),
            new Demo("CCXP", "Светлана Иванова", "svetlana.ivanova@example.org", Duration.ofDays(700), "expiring", true),
            new Demo("CCXP", "Jean-Luc Brontë-Müller", "jl.bronte@example.org", Duration.ofDays(800), "expired", true),
            new Demo("CXSP", "Maria José da Conceição", "mj.conceicao@example.org", Duration.ofDays(120), "suspended", true),
            new Demo("CCXP", "Łukasz Żółkiewski", "lukasz.z@example.org", Duration.ofDays(300), "revoked", true),
            new Demo("CCXP", "Nguyễn Thị Minh Khai", "minh.khai@example.org", Duration.ofDays(30), "active", false),
            new Demo("CXSP", "Søren Ødegaard", "soren.odegaard@example.org", Duration.ofDays(10), "active", true),
            new Demo("CCXP", "Émilie Rousseau", "emilie.rousseau@example.org", Duration.ofDays(45), "active", true));

    private final Issuance issuance;
    private final Lifecycle lifecycle;
    private final Certificates certificates;
    private final ProgramCatalog programs;
    private final RegistryUrls urls;
    private final Clock clock;
    private final boolean enabled;

    DemoData(Issuance issuance, Lifecycle lifecycle, Certificates certificates, ProgramCatalog programs,
            RegistryUrls urls, Clock clock, ObjectProvider<EmbeddedDatabase> embedded,
            @Value("${registry.demo-data:}") String demoData) {
        this.issuance = issuance;
        this.lifecycle = lifecycle;
        this.certificates = certificates;
        this.programs = programs;
        this.urls = urls;
        this.clock = clock;
        this.enabled = demoData.isBlank() ? embedded.getIfAvailable() != null : Boolean.parseBoolean(demoData);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void load() {
        if (!enabled) {
            return;
        }
        Long existing = certificates.count().block(Duration.ofSeconds(30));
        if (existing != null && existing > 0) {
            return;
        }
        List<String> lines = new ArrayList<>();
        Flux.fromIterable(DEMOS).concatMap(this::issue).doOnNext(lines::add).blockLast(Duration.ofMinutes(1));
        log.info("Loaded {} demo certificates:\n  {}", lines.size(), String.join("\n  ", lines));
    }

    private Mono<String> issue(Demo demo) {
        Instant now = clock.instant();
        Instant awarded = now.minus(demo.awardedAgo()).atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC)
            .toInstant();
        IssueCertificate command = IssueCertificate.of(programs, demo.program(), demo.name(), demo.email(), demo.listed(),
                awarded, now);
        return issuance.issue(command, "demo-data").flatMap(issued -> {
            CertificateNumber number = CertificateNumber.parse(issued.certificate().number());
            Mono<?> then = switch (demo.then()) {
                case "suspended" -> lifecycle.suspend(number, null, "Under review after a complaint (demo)", "demo-data");
                case "revoked" -> lifecycle.revoke(number, null, "Examination irregularity (demo)", "demo-data");
                default -> Mono.just(number);
            };
            return then.thenReturn(String.format("%-26s %-5s %-10s %s  holder page: %s", demo.name(), demo.program(),
                    demo.then(), number, urls.holderPage(issued.holderToken())));
        });
    }
}
