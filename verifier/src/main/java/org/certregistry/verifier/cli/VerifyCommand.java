package org.certregistry.verifier.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.verifier.CheckResult;
import org.certregistry.verifier.CredentialSummary;
import org.certregistry.verifier.Verdict;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.verifier.Verifier;
import org.certregistry.verifier.document.DocumentDecoder;
import org.certregistry.verifier.document.DocumentLimits;
import org.certregistry.verifier.document.DocumentReader;
import org.certregistry.verifier.document.DocumentVerifier;
import org.certregistry.verifier.fetch.FileCache;
import org.certregistry.verifier.fetch.Fetcher;
import org.certregistry.verifier.fetch.HttpFetcher;
import org.certregistry.verifier.keys.JwksKeySource;
import org.certregistry.verifier.keys.KeySource;
import org.certregistry.verifier.registry.HttpRegistrySource;
import org.certregistry.verifier.status.SignedStatusListSource;

/**
 * The command line: {@code verify [--registry URL] [--jwks URL|FILE] [--offline] [--json]
 * [--cache DIR] FILE|JWT|-}. Prints a report (human, or JSON with {@code --json}) and exits
 * 0 when VALID, 1 when INVALID or not in force (revoked, suspended, superseded, expired, not yet
 * valid), 2 when it could not decide, 64 on a usage error.
 *
 * <p>Over 250 lines: argument parsing, wiring the verifier from the options, and the two output
 * formats are one command's contract with its callers (exit codes included), read top to bottom.
 */
public final class VerifyCommand {

    public static final int VALID = 0;
    public static final int NOT_VALID = 1;
    public static final int UNDECIDED = 2;
    public static final int USAGE = 64;

    static final String USAGE_TEXT = """
            usage: verify [--registry URL] [--jwks URL|FILE] [--offline] [--json] [--cache DIR] FILE|JWT|-
                   verify --receipt [--registry URL] [--jwks URL|FILE] FILE|JWT|-
              FILE       a PDF certificate, a PNG/JPEG picture of its QR code, or a file holding the JWT
              JWT        the credential itself (a compact JWT); '-' reads it from standard input
              --registry the registry you trust (default: $CERTREGISTRY_URL, else the --jwks URL's site,
                         else http://localhost:8080); only its issuers and keys are accepted
              --jwks     the issuer's keys: a URL or a local JWKS file (default {registry}/.well-known/jwks.json)
              --offline  use only the cached key set and status lists (no network); the report says how old they are
              --json     print the report as JSON
              --cache    where fetched keys and status lists are kept for --offline (default ~/.cache/certregistry-verify)
              --receipt  check a bulk-verification receipt (from /verify/batch) instead: signed by the registry, unchanged
            exit: 0 valid, 1 invalid/revoked/suspended/superseded/expired, 2 could not decide, 64 usage error
            """;

    /** How long fetched keys are used before asking again, and how old a copy may be when it cannot be refreshed. */
    static final Duration KEYS_MAX_AGE = Duration.ofMinutes(5);
    static final Duration KEYS_MAX_STALE_ONLINE = Duration.ofHours(24);
    static final Duration KEYS_MAX_STALE_OFFLINE = Duration.ofDays(30);
    static final Duration STATUS_MAX_AGE = Duration.ofMinutes(1);
    static final Duration STATUS_MAX_STALE_OFFLINE = Duration.ofDays(7);

    private final Map<String, String> env;
    private final Clock clock;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    public VerifyCommand(Map<String, String> env, Clock clock, InputStream stdin, PrintStream out, PrintStream err) {
        this.env = env;
        this.clock = clock;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(new VerifyCommand(System.getenv(), Clock.systemUTC(), System.in, out, System.err).run(args));
    }

    /** Options as parsed. */
    record Options(String registry, String jwks, boolean offline, boolean json, Path cache, String input, boolean receipt) {
    }

    public int run(String[] args) {
        Options options;
        try {
            options = parse(args);
        }
        catch (IllegalArgumentException ex) {
            err.println("verify: " + ex.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (options == null) {
            out.print(USAGE_TEXT);
            return VALID;
        }
        try {
            byte[] document = input(options.input());
            if (options.receipt()) {
                return ReceiptCommand.check(new String(document, StandardCharsets.UTF_8), keys(options), options.registry(), clock, out);
            }
            VerificationReport report = verifier(options).verify(document);
            out.print(options.json() ? json(report) : human(report));
            return exitCode(report.verdict());
        }
        catch (IOException ex) {
            err.println("verify: cannot read " + options.input() + ": " + ex.getMessage());
            return UNDECIDED;
        }
        catch (RuntimeException ex) {
            err.println("verify: could not decide: " + ex.getMessage());
            return UNDECIDED;
        }
    }

    static int exitCode(Verdict verdict) {
        return switch (verdict) {
            case VALID -> VALID;
            case UNDETERMINED -> UNDECIDED;
            default -> NOT_VALID;
        };
    }

    Options parse(String[] args) {
        String registry = null;
        String jwks = null;
        boolean offline = false;
        boolean json = false;
        boolean receipt = false;
        Path cache = null;
        String input = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--offline" -> offline = true;
                case "--json" -> json = true;
                case "--receipt" -> receipt = true;
                case "--registry", "--jwks", "--cache" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args[++i];
                    if (arg.equals("--registry")) {
                        registry = value;
                    }
                    else if (arg.equals("--jwks")) {
                        jwks = value;
                    }
                    else {
                        cache = Path.of(value);
                    }
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (input != null) {
                        throw new IllegalArgumentException("give one FILE or JWT, not several");
                    }
                    input = arg;
                }
            }
        }
        if (input == null) {
            throw new IllegalArgumentException("nothing to verify: give a FILE, a JWT, or '-'");
        }
        if (registry == null) {
            registry = env.get("CERTREGISTRY_URL");
        }
        if (registry == null && jwks != null && isUrl(jwks)) {
            URI uri = URI.create(jwks);
            registry = uri.getScheme() + "://" + uri.getRawAuthority();
        }
        if (registry == null) {
            registry = "http://localhost:8080";
        }
        if (!isUrl(registry)) {
            throw new IllegalArgumentException("--registry must be an http(s) URL, not " + registry);
        }
        registry = registry.endsWith("/") ? registry.substring(0, registry.length() - 1) : registry;
        return new Options(registry, jwks, offline, json, cache != null ? cache : FileCache.defaultDirectory(), input, receipt);
    }

    private static boolean isUrl(String s) {
        return s.startsWith("https://") || s.startsWith("http://");
    }

    private byte[] input(String input) throws IOException {
        if (input.equals("-")) {
            return stdin.readNBytes(DocumentReader.MAX_DOCUMENT_BYTES + 1);
        }
        // a JWT has no '/' and is long; anything that names an existing file is read as a file
        Path path = input.length() <= 4096 ? Path.of(input) : null;
        if (path != null && Files.isRegularFile(path)) {
            if (Files.size(path) > DocumentReader.MAX_DOCUMENT_BYTES) {
                throw new IOException("the file is larger than " + DocumentReader.MAX_DOCUMENT_BYTES + " bytes");
            }
            return Files.readAllBytes(path);
        }
        return input.getBytes(StandardCharsets.UTF_8);
    }

    /** The trusted registry's keys: a local JWKS file, or its key set fetched (or cached, offline). */
    private KeySource keys(Options options) {
        if (options.jwks() != null && !isUrl(options.jwks())) {
            return JwksKeySource.file(Path.of(options.jwks()), clock, KEYS_MAX_AGE).underRegistry(options.registry());
        }
        FileCache cache = new FileCache(options.cache());
        Fetcher fetcher = options.offline() ? cache.offline() : cache.recording(HttpFetcher.standard(clock));
        URI uri = URI.create(options.jwks() != null ? options.jwks() : options.registry() + "/.well-known/jwks.json");
        return JwksKeySource.url(uri, fetcher, clock, KEYS_MAX_AGE,
                options.offline() ? KEYS_MAX_STALE_OFFLINE : KEYS_MAX_STALE_ONLINE).underRegistry(options.registry());
    }

    DocumentVerifier verifier(Options options) {
        FileCache cache = new FileCache(options.cache());
        Fetcher network = HttpFetcher.standard(clock);
        Fetcher fetcher = options.offline() ? cache.offline() : cache.recording(network);
        KeySource keys = keys(options);
        Set<JWSAlgorithm> algorithms = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
        Verifier.Builder builder = Verifier.builder()
            .trustedRegistry(options.registry())
            .keys(keys)
            .algorithms(algorithms)
            .clock(clock)
            .status(new SignedStatusListSource(fetcher, keys, algorithms, Verifier.defaultProvider(), clock, STATUS_MAX_AGE,
                    options.offline() ? STATUS_MAX_STALE_OFFLINE : STATUS_MAX_AGE));
        HttpRegistrySource registry = new HttpRegistrySource(options.registry(), network);
        if (!options.offline()) {
            // suspension and renewal are only in the registry's live answers, never in a cache
            builder.registry(registry);
        }
        // one reading thread with a hard deadline: a hostile file gets a clear answer (exit 2), not a hang
        return new DocumentVerifier(builder.build(), options.registry(), options.offline() ? null : registry::currentCredential,
                clock, new DocumentDecoder(DocumentLimits.DEFAULTS, 1, 1));
    }

    static String human(VerificationReport report) {
        StringBuilder s = new StringBuilder();
        s.append(report.verdict()).append(" — ").append(headline(report)).append('\n');
        report.credential().ifPresent(c -> {
            s.append("  holder:      ").append(c.holderName()).append('\n');
            s.append("  achievement: ").append(c.achievementName()).append('\n');
            s.append("  number:      ").append(c.certificateNumber()).append('\n');
            s.append("  issuer:      ").append(c.issuerName()).append(" (").append(c.issuerId()).append(")\n");
            s.append("  valid:       ").append(c.validFrom()).append(" to ").append(c.validUntil()).append('\n');
        });
        s.append("checks:\n");
        for (CheckResult check : report.checks()) {
            s.append(String.format("  %-11s %-11s %s%n", check.check(), check.outcome(), check.message()));
        }
        s.append("checked at ").append(report.checkedAt()).append('\n');
        return s.toString();
    }

    private static String headline(VerificationReport report) {
        return switch (report.verdict()) {
            case VALID -> "genuine, in force, and not revoked.";
            case INVALID -> "not a genuine credential of the trusted issuer.";
            case REVOKED -> "revoked by the issuer.";
            case SUSPENDED -> "suspended by the issuer.";
            case SUPERSEDED -> "a renewal replaced this version.";
            case LAPSED -> "it expired and was not renewed within the grace period: it must be earned again.";
            case EXPIRED -> "its validity window has ended.";
            case NOT_YET_VALID -> "its validity window has not begun.";
            case UNDETERMINED -> "could not be fully checked; it is not confirmed as valid.";
        };
    }

    static String json(VerificationReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("verdict", report.verdict().name());
        List<Object> checks = new ArrayList<>();
        for (CheckResult check : report.checks()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("check", check.check().word());
            c.put("outcome", check.outcome().name());
            c.put("message", check.message());
            checks.add(c);
        }
        root.put("checks", checks);
        report.credential().ifPresent(c -> root.put("credential", summary(c)));
        root.put("checkedAt", report.checkedAt().toString());
        return JSONObjectUtils.toJSONString(root) + "\n";
    }

    private static Map<String, Object> summary(CredentialSummary c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("credentialId", c.credentialId());
        m.put("issuerId", c.issuerId());
        m.put("issuerName", c.issuerName());
        m.put("holderName", c.holderName());
        m.put("achievementName", c.achievementName());
        m.put("certificateNumber", c.certificateNumber());
        m.put("awardedDate", c.awardedDate() == null ? null : c.awardedDate().toString());
        m.put("validFrom", c.validFrom().toString());
        m.put("validUntil", c.validUntil().toString());
        return m;
    }
}
