package io.agentorchestr.core;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Core's packages in layers, with no cycle and nothing of the adapters outside core (decision 0023). */
@AnalyzeClasses(packages = CoreArchitectureTest.CORE, importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {
    static final String CORE = "io.agentorchestr.core";

    @ArchTest
    static final ArchRule noPackageReachesBackToAnother = CoreLayers.noCycles(CORE);

    @ArchTest
    static final ArchRule eachLayerUsesOnlyTheLayersBelow = CoreLayers.layers(CORE);

    @ArchTest
    static final ArchRule everyPackageHasItsLayer = CoreLayers.everyPackageInALayer(CORE);

    @ArchTest
    static final ArchRule coreImportsNoCliMcpWebOrTerminalLibrary = CoreLayers.noForeignImports(CORE,
            CoreLayers.FOREIGN);
}
