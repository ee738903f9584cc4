package org.certregistry.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

import com.openhtmltopdf.util.XRLog;
import org.certregistry.issuer.credential.CredentialSigner;
import org.certregistry.issuer.keys.KeyLoader;
import org.certregistry.issuer.pdf.CertificateDocument;
import org.certregistry.issuer.pdf.CertificatePdfRenderer;
import org.certregistry.keys.dev.DevelopmentKeys;

/**
 * CPU time of one render, first and warm, read from the thread's CPU clock: on a shared, busy
 * machine JMH's wall-clock figures measure the other tenants as much as the renderer, while
 * CPU time does not. Run: {@code java -cp benchmarks/target/benchmarks.jar org.certregistry.benchmarks.RenderCpuTime}.
 */
public final class RenderCpuTime {

    private RenderCpuTime() {
    }

    public static void main(String[] args) {
        XRLog.setLoggingEnabled(false);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String jwt = new CredentialSigner(KeyLoader.fromPem(DevelopmentKeys.KEY_ID, DevelopmentKeys.privateKeyPem()))
            .sign(PdfRenderingBenchmark.claims());
        CertificateDocument latin = PdfRenderingBenchmark.document("Zoë Kowalczyk-Ørsted", jwt);
        CertificateDocument scripts = PdfRenderingBenchmark.document("王小明 Ελένη Παπαδοπούλου Иван 😀", jwt);
        CertificatePdfRenderer renderer = new CertificatePdfRenderer();

        long start = threads.getCurrentThreadCpuTime();
        renderer.render(latin);
        System.out.printf("first render (cold JVM): %.1f ms CPU%n", (threads.getCurrentThreadCpuTime() - start) / 1e6);
        for (int i = 0; i < 200; i++) {
            renderer.render(i % 2 == 0 ? latin : scripts);
        }
        report("warm render, Latin name", threads, renderer, latin);
        report("warm render, CJK + Greek + Cyrillic + emoji", threads, renderer, scripts);
    }

    private static void report(String what, ThreadMXBean threads, CertificatePdfRenderer renderer, CertificateDocument document) {
        double[] ms = new double[50];
        for (int i = 0; i < ms.length; i++) {
            long start = threads.getCurrentThreadCpuTime();
            renderer.render(document);
            ms[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%s: median %.1f ms CPU, p90 %.1f ms (%d renders)%n", what, ms[ms.length / 2],
                ms[(int) (ms.length * 0.9)], ms.length);
    }
}
