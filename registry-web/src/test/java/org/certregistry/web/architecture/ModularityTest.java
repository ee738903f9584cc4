package org.certregistry.web.architecture;

import org.certregistry.web.RegistryApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages are Spring Modulith application modules: no cycles, and no module reaches
 * into another's internals (its sub-packages). The module documentation in docs/modules is
 * written from the same model, so docs/architecture.md draws what this test checks.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(RegistryApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("../docs/modules"))
            .writeModulesAsPlantUml()
            .writeIndividualModulesAsPlantUml()
            .writeModuleCanvases();
    }
}
