package org.certregistry.issuer.pdf;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ScratchLookTest {
    @Test
    void writes() throws Exception {
        CertificatePdfRenderer r = new CertificatePdfRenderer();
        Path dir = Files.createDirectories(Path.of("target/look"));
        Files.write(dir.resolve("ccxp.pdf"), r.render(TestCertificates.ccxp("Zoë Kowalczyk-Ørsted")));
        Files.write(dir.resolve("cxsp.pdf"), r.render(TestCertificates.cxsp("Ελένη Παπαδοπούλου")));
        Files.write(dir.resolve("long.pdf"), r.render(TestCertificates.ccxp("Maria Auxiliadora Fernández de Córdoba y Ñúñez-Łukasiewicz Παπαδοπούλου Александровна Šťastná Đorđević Þórsdóttir Øystein Ærø Ångström Çelik Gümüşhane Dvořák")));
        Files.write(dir.resolve("huge.pdf"), r.render(TestCertificates.ccxp("Bartholomew " + "Abcdefghij".repeat(999))));
        Files.write(dir.resolve("scripts.pdf"), r.render(TestCertificates.ccxp("王小明 <img src=\"http://x/\"> 😀 Иван")));
    }
}
