package io.agentorchestr.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule of {@link CoreLayers} fails on a fixture that breaks it: a rule that cannot fail checks nothing. */
class CoreLayersTest {
    private static final String FIXTURE = "io.agentorchestr.core.archfixture";
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(FIXTURE);

    private static String failure(ArchRule rule) {
        return assertThrows(AssertionError.class, () -> rule.check(CLASSES)).getMessage();
    }

    @Test
    void aCycleBetweenTwoPackagesFails() {
        String message = failure(CoreLayers.noCycles(FIXTURE));
        assertTrue(message.contains("store") && message.contains("worker"), message);
    }

    @Test
    void anArrowFromTheModelUpToAUseCaseFails() {
        String message = failure(CoreLayers.layers(FIXTURE));
        assertTrue(message.contains("archfixture.model.Record") && message.contains("archfixture.goal.UseCase"),
                message);
    }

    @Test
    void aPackageOutsideEveryLayerFails() {
        String message = failure(CoreLayers.everyPackageInALayer(FIXTURE + ".store"));
        assertTrue(message.contains("archfixture.store"), message);
    }

    @Test
    void anImportOfAForbiddenLibraryFails() {
        String message = failure(CoreLayers.noForeignImports(FIXTURE, "org.tomlj.."));
        assertTrue(message.contains("org.tomlj.Toml"), message);
    }
}
