package org.certregistry.benchmarks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jwt.JWTClaimsSet;
import com.openhtmltopdf.util.XRLog;
import org.certregistry.issuer.credential.CredentialSigner;
import org.certregistry.issuer.keys.KeyLoader;
import org.certregistry.issuer.pdf.CertificateDocument;
import org.certregistry.issuer.pdf.CertificatePdfRenderer;
import org.certregistry.issuer.pdf.CertificatePreview;
import org.certregistry.keys.dev.DevelopmentKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering a real certificate (signed credential, QR code, PDF/A-3b, attachment): the first
 * render in a fresh JVM, repeated renders once warm, a name that needs fallback fonts, and the
 * PNG preview of a rendered PDF.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PdfRenderingBenchmark {

    private CertificateDocument latin;
    private CertificateDocument scripts;
    private CertificatePdfRenderer renderer;
    private byte[] pdf;

    @Setup
    public void setUp() {
        // as in the application: openhtmltopdf's per-render progress lines are not printed
        XRLog.setLoggingEnabled(false);
        String jwt = new CredentialSigner(KeyLoader.fromPem(DevelopmentKeys.KEY_ID, DevelopmentKeys.privateKeyPem()))
            .sign(claims());
        latin = document("Zoë Kowalczyk-Ørsted", jwt);
        scripts = document("王小明 Ελένη Παπαδοπούλου Иван 😀", jwt);
        renderer = new CertificatePdfRenderer();
        pdf = renderer.render(latin);
    }

    /** The first render in a fresh JVM: class loading, font parsing, no JIT. One shot per fork. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(5)
    public byte[] firstRender() {
        XRLog.setLoggingEnabled(false);
        return new CertificatePdfRenderer().render(document("Zoë Kowalczyk-Ørsted", "x.y.z"));
    }

    /** A repeated render once warm: what a cache miss costs a running server. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public byte[] render() {
        return renderer.render(latin);
    }

    /** A name in Chinese, Greek, Cyrillic and an emoji: the fallback fonts are loaded and subset too. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public byte[] renderWithFallbackFonts() {
        return renderer.render(scripts);
    }

    /** The PNG preview (110 dpi) drawn from a rendered PDF. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public byte[] preview() {
        return CertificatePreview.png(pdf, 110);
    }

    static CertificateDocument document(String name, String jwt) {
        LocalDate from = LocalDate.of(2026, 3, 1);
        return new CertificateDocument("ccxp", name, "Certified Customer Experience Professional", "CCXP",
                "Customer Experience Professionals Association (CXPA)", "CCXP-7KD-M2Q-X9F", from, from, from.plusYears(2),
                "https://registry.example.org/v/CCXP-7KD-M2Q-X9F", jwt);
    }

    static JWTClaimsSet claims() {
        Instant from = LocalDate.of(2026, 3, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new JWTClaimsSet.Builder()
            .issuer("https://registry.example.org/issuers/cxpa")
            .subject("https://registry.example.org/holders/5f0c8b7e-2d41-4a8e-b7a2-3c9d1e6f4a21")
            .notBeforeTime(Date.from(from))
            .expirationTime(Date.from(from.atZone(ZoneOffset.UTC).plusYears(2).toInstant()))
            .claim("credentialSubject", Map.of("name", "Zoë Kowalczyk-Ørsted", "licenseNumber", "CCXP-7KD-M2Q-X9F"))
            .build();
    }
}
