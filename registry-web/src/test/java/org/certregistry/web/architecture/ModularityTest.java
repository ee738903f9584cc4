package org.certregistry.web.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.certregistry.web.RegistryApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages are Spring Modulith application modules: no cycles, and no module reaches
 * into another's internals (its sub-packages) or uses a module its {@code package-info} does not
 * allow. The module documentation in docs/modules is written from the same model, so
 * docs/architecture.md draws what this test checks.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(RegistryApplication.class);

    /** Made-up modules that break the rules; they are test classes, which the check reads only when told to. */
    static final ApplicationModules FIXTURES = ApplicationModules.of("org.certregistry.web.architecture.reach",
            location -> true);

    @Test
    void modulesKeepTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void aReachIntoAnotherModulesInternalsFailsTheCheck() {
        assertThat(FIXTURES.detectViolations().getMessages())
            .anySatisfy(violation -> assertThat(violation).contains("alpha").contains("non-exposed type").contains("reach.beta.internal.Hidden"));
    }

    @Test
    void aDependencyThePackageInfoDoesNotAllowFailsTheCheck() {
        assertThat(FIXTURES.detectViolations().getMessages())
            .anySatisfy(violation -> assertThat(violation).contains("gamma").contains("Allowed targets: none"));
    }

    @Test
    void writesModuleDocumentation() throws IOException {
        Path folder = Path.of("../docs/modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder.toString()))
            .writeModulesAsPlantUml()
            .writeIndividualModulesAsPlantUml()
            .writeModuleCanvases();
        // the Documenter writes the arrows in an order that changes from run to run; sorted, the files change only
        // when the modules do
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                List<String> lines = Files.readAllLines(file);
                List<String> arrows = lines.stream().filter(line -> line.startsWith("Rel(")).sorted().toList();
                Iterator<String> sorted = arrows.iterator();
                Files.write(file, lines.stream().map(line -> line.startsWith("Rel(") ? sorted.next() : line).toList());
            }
        }
    }
}
