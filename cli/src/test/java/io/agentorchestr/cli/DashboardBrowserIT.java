package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard page in real headless Chromium (Debian's chromium and chromium-driver, driven by
 * Selenium with the driver's path set, so nothing is downloaded), over demo goals run by the
 * distribution. Screenshots go to target/.
 */
@Timeout(300)
class DashboardBrowserIT extends SandboxedRun {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private ChromeDriver browser;
    private DashboardProcess dashboard;

    @BeforeEach
    void openBrowser() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "these tests need Debian's "
                + "chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--user-data-dir=" + dir.resolve("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        dashboard = DashboardProcess.start(dist, dir.resolve("dashboard.err"));
    }

    @AfterEach
    void closeBrowser() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (dashboard != null) {
            dashboard.close();
        }
    }

    /** The element's text now (read in the page: it may be re-rendered at any moment). */
    private String text(String css) {
        Object t = browser.executeScript("const e = document.querySelector(arguments[0]); "
                + "return e ? e.innerText : '';", css);
        return t == null ? "" : t.toString();
    }

    private void awaitText(String css, String wanted) {
        try {
            Poll.until(css + " to show '" + wanted + "'", WAIT, () -> text(css).contains(wanted));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the page shows:\n" + text("body"), e);
        }
    }

    private void screenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.copy(shot.toPath(), target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void thePageRefusesWithoutTheTokenAndTheUrlsTokenOpensIt() {
        browser.get(dashboard.base() + "/");
        awaitText("body", "no valid token");
        browser.get(dashboard.url);
        awaitText("h1", "Sessions");
        assertEquals(dashboard.base() + "/", browser.getCurrentUrl(), "the token is gone from the address bar");
        awaitText("#conn", "live");
    }

    @Test
    void aRunningGoalsWorkersChangeStateLiveAndThePaneTailGrows() throws Exception {
        browser.get(dashboard.url);
        awaitText("h1", "Sessions");
        Process goal = dist.start(dir.resolve("goal.log"), "--goal", "Slow first note [demo:sleep=10]\n"
                + "Slower second note [demo:sleep=14]", "--agents", "demo", "--project", project.dir().toString(),
                "--no-attach", "--json");
        // The new session appears in the list without a reload.
        awaitText("#sessions", "Slow first note");
        browser.executeScript("window.agentorchestrMarker = 'still the same page';");
        browser.findElement(By.cssSelector("tr.session-row")).click();
        awaitText("#workers", "w02");
        String id = browser.getCurrentUrl().replaceAll(".*#/s/", "");
        JsonNode w01 = Poll.value("w01 running with its pane", WAIT, () -> {
            try {
                for (JsonNode w : dashboard.api("/api/sessions/" + id + "/workers")) {
                    if (w.get("worker_id").asText().equals("w01") && w.get("state").asText().equals("running")) {
                        return w;
                    }
                }
                return null;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // The row is drawn again as its worker changes: found and clicked in one go, again if it was replaced.
        Poll.until("w01's row clicked", WAIT, () -> {
            try {
                browser.findElement(By.cssSelector("[data-worker='w01']")).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return false;
            }
        });
        Poll.until("the tail to show the worker's start", WAIT, () -> !text("#tail").isBlank());
        // Typed into the worker's pane now: the terminal echoes it, the pane log grows, the tail follows.
        dist.tmux("send-keys", "-t", w01.get("pane").asText(), "-l", "typed-while-watching");
        awaitText("#tail", "typed-while-watching");
        Poll.until("w01 to turn done on the page", WAIT, () -> browser.findElements(
                By.cssSelector("[data-worker='w01'][data-state='done']")).size() == 1);
        Poll.until("w02 to turn done on the page", WAIT, () -> browser.findElements(
                By.cssSelector("[data-worker='w02'][data-state='done']")).size() == 1);
        assertEquals("still the same page", browser.executeScript("return window.agentorchestrMarker;"),
                "updates came live, without a reload");
        awaitText("#session-status", "done");
        awaitText("#workers-heading", "2 done");
        awaitText("#events", "goal_marked");
        browser.findElement(By.id("show-diff")).click();
        awaitText("#diff", "diff --git");
        screenshot("dashboard-session");
        assertEquals(0, goal.waitFor() , Files.readString(dir.resolve("goal.log")));

        dashboard.stop();
        awaitText("#conn", "connection lost");
    }

    @Test
    void messagesBetweenWorkersShowInTheSessionsLogAndOnTheirCards() throws Exception {
        JsonNode out = goal("Ask the other [demo:question=w02]\nAnswer questions [demo:answer]", 0);
        browser.get(dashboard.url);
        awaitText("h1", "Sessions");
        browser.get(dashboard.base() + "/#/s/" + out.get("session").asText());
        awaitText("#messages", "w01 → w02 · question");
        awaitText("#messages", "w02 says: use port 8080");
        awaitText("#messages", "w02 → w01 · answer · thread ");
        awaitText("[data-worker='w02'] .mail", "messages: 1 sent, 1 received");
        screenshot("dashboard-messages");
    }

    @Test
    void aPlanIsDrawnAsAGraphWhoseTasksChangeStateLive() throws Exception {
        browser.get(dashboard.url);
        awaitText("h1", "Sessions");
        Process goal = dist.start(dir.resolve("plan.log"), "--goal", "Plan first [demo:id=a] [demo:sleep=6]\n"
                + "Plan second [demo:id=b] [demo:after=a]", "--agents", "demo", "--project", project.dir().toString(),
                "--no-attach", "--json");
        awaitText("#sessions", "Plan first");
        browser.findElement(By.cssSelector("tr.session-row")).click();
        Poll.until("a running and b pending in the graph", WAIT, () -> !browser.findElements(By.cssSelector(
                "#plan [data-task='a'][data-state='running']")).isEmpty() && !browser.findElements(By.cssSelector(
                "#plan [data-task='b'][data-state='pending']")).isEmpty());
        assertEquals(1, browser.findElements(By.cssSelector("#plan line[data-from='a'][data-to='b']")).size(),
                "the dependency is an edge");
        Poll.until("b done in the graph, without a reload", WAIT, () -> !browser.findElements(By.cssSelector(
                "#plan [data-task='b'][data-state='done']")).isEmpty());
        screenshot("dashboard-plan");
        assertEquals(0, goal.waitFor(), Files.readString(dir.resolve("plan.log")));
    }

    /**
     * The spending chart draws each agent's recorded totals as a line (the totals a Claude Code worker's
     * transcript gives are stored as usage_recorded events while the session runs; here they are stored
     * as such, the demo agent keeping no records), and a new record redraws it live.
     */
    @Test
    void theSpendingChartDrawsALinePerAgentAndGrowsWhenATotalIsRecorded() throws Exception {
        String session = goal("Write a hello note", 0).get("session").asText();
        try (io.agentorchestr.core.store.SqliteStateStore store = io.agentorchestr.core.store.SqliteStateStore
                .open(dist.stateDb())) {
            store.append(session, new io.agentorchestr.core.model.SessionEvent.UsageRecorded("w01", 1200, 0.0030));
            store.append(session, new io.agentorchestr.core.model.SessionEvent.UsageRecorded("lead", 3600, 0.0090));
            browser.get(dashboard.url);
            browser.get(dashboard.base() + "/#/s/" + session);
            awaitText("#workers", "w01");
            assertEquals("usd", browser.findElement(By.id("cost")).getAttribute("data-unit"));
            assertEquals(2, browser.findElements(By.cssSelector("#cost g.agent")).size());
            assertTrue(browser.findElement(By.id("cost")).getAttribute("aria-label").contains("w01 USD 0.0030"));

            store.append(session, new io.agentorchestr.core.model.SessionEvent.UsageRecorded("w01", 2400, null));
        }
        Poll.until("the chart to turn to tokens", WAIT, () -> "tokens".equals(browser.executeScript(
                "const c = document.getElementById('cost'); return c ? c.getAttribute('data-unit') : null;")));
        assertTrue(browser.findElement(By.id("cost")).getAttribute("aria-label").contains("w01 2400 tokens"),
                "a total without a price turns the chart to tokens");
        screenshot("dashboard-spending");
    }

    @Test
    void markupAndEscapesInAGoalAndASummaryRenderAsText() throws Exception {
        String hostileGoal = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> note";
        JsonNode out = goal(hostileGoal + "\nA hostile summary [demo:hostile]", 0);
        String html = dashboard.get("/", "Authorization", "Bearer " + dashboard.token).body();
        assertTrue(html.contains("<script id=\"first-page\" type=\"application/json\">") && html.contains(
                "\\u003cscript>window.pwned=1\\u003c/script>"), "the first page is in the page, no '<' in it:\n" + html);
        browser.get(dashboard.url);
        // No wait: the list is drawn from the page itself before it has loaded, not after a fetch.
        assertTrue(text("#sessions").contains("<script>window.pwned=1</script>"), text("body"));
        browser.get(dashboard.base() + "/#/s/" + out.get("session").asText());
        awaitText("#workers", "(hostile)");
        awaitText("#events", "spawn_worker");
        assertFalse(text("#events").contains("{\""), "events read as words, not JSON:\n" + text("#events"));
        browser.findElement(By.id("event-raw")).click();
        assertTrue(text("#events").contains("{\""), "raw JSON on demand:\n" + text("#events"));
        assertTrue(text("#goal").startsWith(hostileGoal), text("#goal"));
        assertNull(browser.executeScript("return window.pwned;"), "no script from the data ran");
        assertTrue(browser.findElements(By.cssSelector("#view img, #view script")).isEmpty(), "no markup was made");
        String page = text("body");
        assertFalse(page.contains("\u001b") || page.contains("pwned\u0007"), "escapes removed");
        assertFalse(browser.getTitle().contains("pwned"), "no escape sequence set the title");
        screenshot("dashboard-hostile");
    }
}
