package org.certregistry.web.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.web.certificate.CeuRecord;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateEvent;
import org.certregistry.web.certificate.CertificateFilter;
import org.certregistry.web.certificate.CertificateRepository;
import org.certregistry.web.certificate.CertificateService;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.RenewalPolicy;
import org.certregistry.web.system.RegistryProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What the admin API and console read: lists, a certificate's detail with its history and CEUs. */
@Component
public class AdminCertificates {

    private final CertificateService certificates;
    private final CertificateRepository repository;
    private final RegistryProperties registry;
    private final Clock clock;

    AdminCertificates(CertificateService certificates, CertificateRepository repository, RegistryProperties registry,
            Clock clock) {
        this.certificates = certificates;
        this.repository = repository;
        this.registry = registry;
        this.clock = clock;
    }

    /** One history entry, its before and after as JSON objects. */
    public record HistoryEntry(Instant at, String actor, String action, String reason, Map<String, Object> before,
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

    public AdminCertificate view(Certificate c) {
        Instant now = clock.instant();
        Program program = certificates.program(c);
        return new AdminCertificate(c.number(), program.code(), program.name(), c.holderName(), c.holderEmail(), c.listed(),
                c.state(), c.publicStatus(now), c.expiringSoon(now, registry.expiringSoon()), c.stateReason(), c.awardedAt(),
                c.validFrom(), c.validUntil(), c.version(), c.credentialVersion(),
                c.allowedActions(now, program.renewal().gracePeriod()), registry.verificationUrl(c.number()));
    }

    public Mono<AdminCertificate> find(String number) {
        return certificates.findByNumber(number).map(this::view);
    }

    public Mono<Listing> list(CertificateFilter filter) {
        return repository.search(filter, clock.instant(), registry.expiringSoon())
            .map(page -> new Listing(page.certificates().stream().map(this::view).toList(), page.total(), page.page(),
                    page.size(), page.hasNext()));
    }

    public Mono<Detail> detail(String number) {
        return certificates.findByNumber(number).flatMap(c -> Mono.zip(
                repository.history(c.id()).map(AdminCertificates::entry).collectList(),
                repository.ceus(c.id()).collectList())
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
