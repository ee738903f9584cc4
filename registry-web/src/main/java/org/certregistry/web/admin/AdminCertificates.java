package org.certregistry.web.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateAction;
import org.certregistry.web.certificate.ceu.CeuLedger;
import org.certregistry.web.certificate.CertificateEvent;
import org.certregistry.web.certificate.CertificateFilter;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.ceu.CeuRecord;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.program.RenewalPolicy;
import org.certregistry.web.system.RegistryProperties;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What the admin API and console read: lists, a certificate's detail with its history and CEUs. */
@Component
public class AdminCertificates {

    private final Certificates certificates;
    private final CeuLedger ceuLedger;
    private final RegistryUrls urls;
    private final RegistryProperties registry;
    private final ProgramCatalog programs;
    private final Clock clock;

    AdminCertificates(Certificates certificates, CeuLedger ceuLedger, RegistryProperties registry,
            RegistryUrls urls, ProgramCatalog programs, Clock clock) {
        this.programs = programs;
        this.urls = urls;
        this.certificates = certificates;
        this.ceuLedger = ceuLedger;
        this.registry = registry;
        this.clock = clock;
    }

    /** One history entry, its before and after as JSON objects. */
    public record HistoryEntry(Instant at, String actor, CertificateAction action, String reason, Map<String, Object> before,
            Map<String, Object> after) {

        /** The change in a few words, for pages: "ACTIVE until … → SUSPENDED until …", or the CEUs recorded. */
        public String change() {
            if (after != null && after.containsKey("units")) {
                return after.get("units") + " CEUs, " + after.get("category") + " (cycle " + after.get("cycle") + ")";
            }
            return (before == null ? "" : window(before) + " → ") + (after == null ? "" : window(after));
        }

        private static String window(Map<String, Object> s) {
            String until = String.valueOf(s.get("validUntil"));
            return s.get("state") + " until " + (until.length() >= 10 ? until.substring(0, 10) : until) + " (v"
                    + s.get("version") + ")";
        }
    }

    /** The CEUs of the current cycle and how they stand against the program's rule. */
    public record Ceus(int cycle, RenewalPolicy policy, RenewalPolicy.Assessment assessment, List<CeuRecord> currentCycle,
            List<CeuRecord> earlierCycles) {
    }

    public record Detail(AdminCertificate certificate, List<HistoryEntry> history, Ceus ceus) {
    }

    public record Listing(List<AdminCertificate> certificates, long total, int page, int size, boolean hasNext) {
    }

    /**
     * The console's view of a certificate. One whose program was taken out of the configuration is still listed
     * (a retired program's certificates stay in the registry): under its code, with no grace period, and with no
     * renewal offered, since there is no rule to renew it by.
     */
    public AdminCertificate view(Certificate c) {
        Instant now = clock.instant();
        java.util.Optional<Program> program = programs.find(c.programCode());
        java.time.Period grace = program.map(p -> p.renewal().gracePeriod()).orElse(java.time.Period.ZERO);
        java.util.Set<String> actions = new java.util.LinkedHashSet<>(c.allowedActions(now, grace));
        if (program.isEmpty()) {
            actions.remove("renew");
        }
        return new AdminCertificate(c.number(), c.programCode(), program.map(Program::name).orElse(c.programCode() + " (not configured)"),
                c.holderName(), c.holderEmail(), c.listed(), c.state(), c.publicStatus(now, grace),
                c.expiringSoon(now, registry.expiringSoon()), c.stateReason(), c.awardedAt(), c.validFrom(), c.validUntil(),
                c.version(), c.credentialVersion(), actions, urls.verificationPage(c.number()));
    }

    public Mono<AdminCertificate> find(CertificateNumber number) {
        return certificates.find(number).map(this::view);
    }

    public Mono<Listing> list(CertificateFilter filter) {
        return certificates.search(filter, clock.instant(), registry.expiringSoon())
            .map(page -> new Listing(page.certificates().stream().map(this::view).toList(), page.total(), page.page(),
                    page.size(), page.hasNext()));
    }

    public Mono<Detail> detail(CertificateNumber number) {
        return certificates.find(number).flatMap(c -> Mono.zip(
                certificates.history(c).map(AdminCertificates::entry).collectList(),
                ceuLedger.all(c).collectList())
            .map(t -> new Detail(view(c), t.getT1(), ceus(c, t.getT2()))));
    }

    private Ceus ceus(Certificate c, List<CeuRecord> all) {
        RenewalPolicy policy = certificates.program(c).renewal();
        List<CeuRecord> current = all.stream().filter(r -> r.cycle() == c.credentialVersion()).toList();
        List<CeuRecord> earlier = all.stream().filter(r -> r.cycle() != c.credentialVersion()).toList();
        RenewalPolicy.Assessment assessment = policy.assess(
                current.stream().map(r -> new RenewalPolicy.EarnedUnits(r.category(), r.units())).toList());
        return new Ceus(c.credentialVersion(), policy, assessment, current, earlier);
    }

    private static HistoryEntry entry(CertificateEvent e) {
        return new HistoryEntry(e.at(), e.actor(), e.action(), e.reason(), json(e.before()), json(e.after()));
    }

    private static Map<String, Object> json(String s) {
        if (s == null) {
            return null;
        }
        try {
            return JSONObjectUtils.parse(s);
        }
        catch (java.text.ParseException ex) {
            throw new IllegalStateException("Stored history is not JSON", ex);
        }
    }
}
