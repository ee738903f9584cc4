package org.certregistry.verifier;

import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.nimbusds.jose.JWSAlgorithm;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.certregistry.verifier.check.Check;
import org.certregistry.verifier.check.CredentialShapeCheck;
import org.certregistry.verifier.check.HeaderCheck;
import org.certregistry.verifier.check.IssuerCheck;
import org.certregistry.verifier.check.KeyCheck;
import org.certregistry.verifier.check.PresentedCredential;
import org.certregistry.verifier.check.RegistryCheck;
import org.certregistry.verifier.check.SignatureCheck;
import org.certregistry.verifier.check.StatusListCheck;
import org.certregistry.verifier.check.ValidityWindowCheck;
import org.certregistry.verifier.check.WellFormedCheck;
import org.certregistry.verifier.keys.KeySource;
import org.certregistry.verifier.registry.RegistrySource;
import org.certregistry.verifier.status.StatusSource;

/**
 * Verifies Open Badges 3.0 certification credentials presented as compact JWTs.
 *
 * <p>Runs an ordered list of checks (format, header, key, signature, issuer, credential shape,
 * validity window, status list, registry) and folds them into a {@link VerificationReport}. It
 * never throws for a bad credential. Keys come only from the configured {@link KeySource}. Thread-safe.
 *
 * <p>Just over 250 lines: its {@link Builder}, nested so that a verifier can only be made complete,
 * is half of it.
 */
public final class Verifier {

    private final List<Check> checks;
    private final Clock clock;

    private Verifier(List<Check> checks, Clock clock) {
        this.checks = List.copyOf(checks);
        this.clock = clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Verifies a compact JWT. */
    public VerificationReport verify(String token) {
        return verify(new PresentedCredential(token == null ? null : token.strip()));
    }

    /**
     * Verifies a presented credential; one whose {@link PresentedCredential#claimedNumber()} was
     * read already is not parsed again.
     */
    public VerificationReport verify(PresentedCredential credential) {
        List<CheckResult> results = new ArrayList<>(checks.size());
        boolean halted = false;
        CheckName haltedBy = null;
        for (Check check : checks) {
            if (halted) {
                results.add(CheckResult.skipped(check.name(), "Not checked, because the " + haltedBy + " check did not pass."));
                continue;
            }
            CheckResult result = run(check, credential);
            results.add(result);
            if (check.essential() && !result.passed()) {
                halted = true;
                haltedBy = check.name();
            }
        }
        Verdict verdict = VerificationReport.verdictOf(results);
        boolean authentic = results.stream().anyMatch(r -> r.check() == CheckName.SIGNATURE && r.passed())
                && results.stream().noneMatch(r -> r.check() == CheckName.CREDENTIAL && !r.passed());
        return new VerificationReport(verdict, results, authentic ? Optional.of(summary(credential.claims())) : Optional.empty(),
                clock.instant());
    }

    /**
     * This verifier with its status and registry checks asking these sources instead: for a server
     * that reads what they need once per verification (e.g. one database row) and answers from it.
     * Keys, trusted issuers, algorithms, the signature cache and the clock stay the same.
     */
    public Verifier withSources(StatusSource status, RegistrySource registry) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(registry, "registry");
        List<Check> replaced = new ArrayList<>(checks.size() + 1);
        for (Check check : checks) {
            if (check instanceof StatusListCheck) {
                replaced.add(new StatusListCheck(status));
            }
            else if (!(check instanceof RegistryCheck)) {
                replaced.add(check);
            }
        }
        replaced.add(new RegistryCheck(registry));
        return new Verifier(replaced, clock);
    }

    private static CheckResult run(Check check, PresentedCredential credential) {
        try {
            return check.run(credential);
        }
        catch (RuntimeException ex) {
            // A check that trips over input is a bug in the check; the credential is still not proven.
            return CheckResult.failed(check.name(), "The " + check.name() + " check could not read the credential.");
        }
    }

    @SuppressWarnings("unchecked")
    private static CredentialSummary summary(Map<String, Object> claims) {
        Map<String, Object> issuer = (Map<String, Object>) claims.get("issuer");
        Map<String, Object> subject = (Map<String, Object>) claims.get("credentialSubject");
        Map<String, Object> achievement = (Map<String, Object>) subject.get("achievement");
        return new CredentialSummary((String) claims.get("id"), (String) issuer.get("id"), str(issuer.get("name")),
                (String) subject.get("name"), (String) achievement.get("name"), str(subject.get("licenseNumber")),
                instant(claims.get("awardedDate")), Instant.parse((String) claims.get("validFrom")),
                Instant.parse((String) claims.get("validUntil")));
    }

    private static String str(Object value) {
        return value instanceof String s ? s : null;
    }

    private static Instant instant(Object value) {
        try {
            return value instanceof String s ? Instant.parse(s) : null;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    /** The JCA provider signature checks use unless told otherwise: BouncyCastle, registered once. */
    public static Provider defaultProvider() {
        return DefaultProvider.INSTANCE;
    }

    /** One BouncyCastle provider for all verifiers: constructing one is expensive. */
    private static final class DefaultProvider {
        static final Provider INSTANCE = java.security.Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) != null
                ? java.security.Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) : new BouncyCastleProvider();
    }

    /** Configures a {@link Verifier}. Trusted issuers and a key source are required. */
    public static final class Builder {

        private Predicate<String> trustedIssuers;
        private SignatureCache signatureCache = SignatureCache.NONE;
        private KeySource keys;
        private StatusSource status;
        private RegistrySource registry;
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofSeconds(60);
        private Set<JWSAlgorithm> algorithms = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
        private Provider provider = DefaultProvider.INSTANCE;

        private Builder() {
        }

        /** The issuer ids ({@code issuer.id}) whose credentials are accepted. */
        public Builder trustedIssuers(Set<String> issuerIds) {
            Set<String> ids = Set.copyOf(issuerIds);
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("A verifier needs at least one trusted issuer");
            }
            this.trustedIssuers = ids::contains;
            return this;
        }

        /** Trusts every issuer id under {@code {registryBaseUrl}/issuers/}: the awarding bodies of one registry. */
        public Builder trustedRegistry(String registryBaseUrl) {
            String base = registryBaseUrl.endsWith("/") ? registryBaseUrl.substring(0, registryBaseUrl.length() - 1) : registryBaseUrl;
            String prefix = base + "/issuers/";
            this.trustedIssuers = id -> id.startsWith(prefix) && id.length() > prefix.length()
                    && id.substring(prefix.length()).matches("[a-z0-9-]{1,40}");
            return this;
        }

        /** Remembers verified signatures (e.g. a bounded in-memory cache), so a repeat costs no signature check. */
        public Builder signatureCache(SignatureCache cache) {
            this.signatureCache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Where the trusted issuer's public keys come from. */
        public Builder keys(KeySource keys) {
            this.keys = keys;
            return this;
        }

        /** Where revocation bits come from; without it, revocation is reported as not checked. */
        public Builder status(StatusSource status) {
            this.status = status;
            return this;
        }

        /** The issuing registry, for suspension and supersession; optional. */
        public Builder registry(RegistrySource registry) {
            this.registry = registry;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Tolerance for clocks that disagree, applied at both ends of the window (default 60 s). */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("clock skew must be between 0 and 10 minutes");
            }
            this.clockSkew = skew;
            return this;
        }

        /** The accepted signature algorithms (default ES256 and RS256). */
        public Builder algorithms(Set<JWSAlgorithm> algorithms) {
            this.algorithms = Set.copyOf(algorithms);
            return this;
        }

        /** The JCA provider for signature checks (default BouncyCastle, several times faster than the JDK's for ES256). */
        public Builder provider(Provider provider) {
            this.provider = provider;
            return this;
        }

        public Verifier build() {
            if (trustedIssuers == null) {
                throw new IllegalStateException("A verifier needs at least one trusted issuer");
            }
            Objects.requireNonNull(keys, "A verifier needs a key source");
            List<Check> checks = new ArrayList<>();
            checks.add(new WellFormedCheck());
            checks.add(new HeaderCheck(algorithms));
            checks.add(new KeyCheck(keys));
            checks.add(new SignatureCheck(provider, signatureCache));
            checks.add(new IssuerCheck(trustedIssuers));
            checks.add(new CredentialShapeCheck());
            checks.add(new ValidityWindowCheck(clock, clockSkew));
            checks.add(new StatusListCheck(status != null ? status
                    : (issuer, url, index) -> new org.certregistry.verifier.status.StatusLookup.Unavailable("no status list source is configured")));
            if (registry != null) {
                checks.add(new RegistryCheck(registry));
            }
            return new Verifier(checks, clock);
        }
    }
}
