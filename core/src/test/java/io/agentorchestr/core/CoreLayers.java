package io.agentorchestr.core;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;

import java.util.Arrays;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of core, from the bottom (docs/architecture.md, decision 0023): each may use the ones
 * below it, never one above, and no two packages may reach each other. Rules over a root package, so
 * that {@link CoreLayersTest} can show each of them failing on a fixture that breaks it.
 */
final class CoreLayers {
    /** Errors, text, processes, configuration files, JSON-RPC errors: what everything may use. */
    static final String[] FOUNDATION = {"error", "text", "process", "config", "rpc"};
    /** The records and ports every part shares: sessions, workers, events, the store's port. */
    static final String[] MODEL = {"model"};
    /** One real adapter each for tmux, git, the store, the agents' CLIs, hook processes. */
    static final String[] ADAPTERS = {"tmux", "git", "store", "agent", "hooks"};
    /** The engine's parts, built on the adapters. */
    static final String[] PARTS = {"worker", "monitor", "health", "attend", "memory", "context", "doctor",
        "discovery", "cost", "router", "research"};
    /** The use cases: a session's management and manual run, a goal's run and resume. */
    static final String[] USE_CASES = {"session", "goal"};
    /** What core never imports: the CLI, the MCP SDK, the web server, the terminal library, telemetry. */
    static final String[] FOREIGN = {"picocli..", "io.modelcontextprotocol..", "org.eclipse.jetty..",
        "jakarta.servlet..", "javax.servlet..", "org.jline..", "io.opentelemetry.."};

    private CoreLayers() {
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule layers(String root) {
        return Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Foundation").definedBy(in(root, FOUNDATION))
                .layer("Model").definedBy(in(root, MODEL))
                .layer("Adapters").definedBy(in(root, ADAPTERS))
                .layer("Parts").definedBy(in(root, PARTS))
                .layer("UseCases").definedBy(in(root, USE_CASES))
                .whereLayer("UseCases").mayNotBeAccessedByAnyLayer()
                .whereLayer("Parts").mayOnlyBeAccessedByLayers("UseCases")
                .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Parts", "UseCases")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Adapters", "Parts", "UseCases");
    }

    /** A new package must take its place in a layer, or the layer rule would not see it. */
    static ArchRule everyPackageInALayer(String root) {
        String[] all = Stream.of(FOUNDATION, MODEL, ADAPTERS, PARTS, USE_CASES).flatMap(Arrays::stream)
                .map(p -> root + "." + p + "..").toArray(String[]::new);
        return classes().that().resideInAPackage(root + "..").should().resideInAnyPackage(all);
    }

    static ArchRule noForeignImports(String root, String... foreign) {
        return noClasses().that().resideInAPackage(root + "..").should().dependOnClassesThat()
                .resideInAnyPackage(foreign);
    }

    private static String[] in(String root, String[] packages) {
        return Arrays.stream(packages).map(p -> root + "." + p + "..").toArray(String[]::new);
    }
}
