package io.agentorchestr.core.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StackDetectorTest {
    @TempDir
    Path dir;

    private void write(String path, String text) throws Exception {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private List<String> commands() {
        return Scaffold.verifyCommands(StackDetector.detect(dir));
    }

    @Test
    void mavenWithItsWrapperCoversItsModules() throws Exception {
        write("pom.xml", "<project/>");
        write("mvnw", "");
        write("core/pom.xml", "<project/>");
        assertEquals(List.of("./mvnw -B -q verify"), commands());
    }

    @Test
    void npmInstallsFromItsLockfileThenBuildsAndTests() throws Exception {
        write("package.json", "{\"scripts\": {\"build\": \"tsc\", \"test\": \"vitest run\"}}");
        write("package-lock.json", "{}");
        assertEquals(List.of("npm ci", "npm run build", "npm test"), commands());
    }

    @Test
    void pnpmAndYarnAreTold() throws Exception {
        write("package.json", "{\"scripts\": {\"test\": \"jest\"}}");
        write("pnpm-lock.yaml", "");
        assertEquals(List.of("pnpm install --frozen-lockfile", "pnpm test"), commands());
        Files.delete(dir.resolve("pnpm-lock.yaml"));
        write("yarn.lock", "");
        assertEquals(List.of("yarn install --frozen-lockfile", "yarn test"), commands());
    }

    @Test
    void npmsDefaultTestScriptIsNotATest() throws Exception {
        write("package.json", "{\"scripts\": {\"test\": \"echo \\\"Error: no test specified\\\" && exit 1\"}}");
        assertEquals(List.of("npm install"), commands());
    }

    @Test
    void goCargoAndPytest() throws Exception {
        write("go.mod", "module x\n");
        assertEquals(List.of("go vet ./...", "go test ./..."), commands());
        Files.delete(dir.resolve("go.mod"));
        write("Cargo.toml", "[package]\nname = \"x\"\n");
        assertEquals(List.of("cargo build --all-targets", "cargo test"), commands());
        Files.delete(dir.resolve("Cargo.toml"));
        write("pyproject.toml", "[tool.pytest.ini_options]\n");
        assertEquals(List.of("python3 -m pytest -q"), commands());
        write("requirements.txt", "flask\n");
        Files.delete(dir.resolve("pyproject.toml"));
        assertEquals(List.of(), commands(), "Python without pytest has no command we can be sure of");
    }

    @Test
    void aMonorepoGetsEachPartRunFromItsDirectory() throws Exception {
        write("web/package.json", "{\"scripts\": {\"test\": \"jest\"}}");
        write("web/package-lock.json", "{}");
        write("api/go.mod", "module api\n");
        write("node_modules/x/package.json", "{}");
        assertEquals(List.of("(cd api && go vet ./...)", "(cd api && go test ./...)", "(cd web && npm ci)",
                "(cd web && npm test)"), commands());
    }

    @Test
    void aRootMakefileWithATestTargetIsHowTheWholeIsChecked() throws Exception {
        write("Makefile", "build:\n\tgo build\n\ntest: build\n\tgo test ./...\n");
        write("go.mod", "module x\n");
        write("ui/package.json", "{\"scripts\": {\"test\": \"jest\"}}");
        assertEquals(List.of("make test"), commands());
    }
}
