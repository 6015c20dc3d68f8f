package io.agentorchestr.bench;

import io.agentorchestr.core.git.LocalGit;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.model.SessionEvent;
import io.agentorchestr.core.store.SqliteStateStore;
import io.agentorchestr.dashboard.Dashboard;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The dashboard's speed: an event written to the store until it is in the page's DOM (headless
 * Chromium; the page stamps the moment with a MutationObserver), and /api/sessions over 10,000
 * sessions. Prints numbers, asserts nothing.
 *
 * <p>Usage: {@code bench/run dashboard [events] [apiCalls]}.
 */
public final class DashboardBench {
    private static final String LIVE = "live0001";

    private DashboardBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path dir = Files.createTempDirectory("agentorchestr-dashboard-bench");
        Path db = dir.resolve("data/state.db");
        try (SqliteStateStore store = SqliteStateStore.open(db)) {
            StoredSessions.fill(db, 10_000, LIVE);
            try (Dashboard d = Dashboard.start(new Dashboard.Settings(InetAddress.getLoopbackAddress(), 0, db,
                    dir.resolve("state/dashboard.token"), false, new LocalGit(new SystemProcessRunner())))) {
                System.out.println("dashboard bench: 10,000 sessions, " + calls + " API calls, " + events
                        + " events (" + Runtime.version() + ")");
                api(d, calls, "/api/sessions?limit=50", "/api/sessions (first page of 50, 10,000 sessions)");
                api(d, calls, "/api/sessions?limit=50&offset=9950", "/api/sessions (last page)");
                api(d, calls, "/api/sessions?status=failed&limit=50", "/api/sessions?status=failed (filtered)");
                api(d, calls, "/api/sessions/" + LIVE, "/api/sessions/{id}");
                toDom(d, store, events);
            }
        }
    }

    private static void api(Dashboard d, int calls, String path, String name) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.port() + path))
                .header("Authorization", "Bearer " + d.token()).build();
        for (int i = 0; i < 20; i++) {
            http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        Samples samples = new Samples(name);
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            samples.add(System.nanoTime() - t);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode());
            }
        }
        System.out.println(samples.line());
    }

    private static void toDom(Dashboard d, SqliteStateStore store, int events) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        try {
            browser.get(d.url());
            browser.get("http://127.0.0.1:" + d.port() + "/#/s/" + LIVE);
            waitFor(browser, "return document.getElementById('events') !== null && "
                    + "document.getElementById('conn').textContent === 'live';");
            browser.executeScript("window.seen = {}; new MutationObserver(ms => { const now = Date.now(); "
                    + "for (const m of ms) for (const n of m.addedNodes) { const t = n.textContent || ''; "
                    + "const i = t.indexOf('bench-'); if (i >= 0) window.seen[t.slice(i).split(' ')[0]"
                    + ".replace(/[^a-z0-9-]/g, '')] = now; } })"
                    + ".observe(document.getElementById('events'), {childList: true});");
            Samples samples = new Samples("event appended to the store -> in the page's DOM");
            for (int i = 0; i < events + 10; i++) {
                String marker = "bench-" + i;
                long wall = System.currentTimeMillis();
                store.append(LIVE, new SessionEvent.ProgressReported("lead", marker));
                Object seen = waitFor(browser, "return window.seen['" + marker + "'] || null;");
                if (i >= 10) {
                    samples.add((((Number) seen).longValue() - wall) * 1_000_000L);
                }
                Thread.sleep(20);
            }
            System.out.println(samples.line());
            System.out.println("(page shows " + browser.findElements(By.cssSelector("#events li")).size()
                    + " events)");
        } finally {
            browser.quit();
        }
    }

    private static Object waitFor(ChromeDriver browser, String script) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Object v = browser.executeScript(script);
            if (v != null && !Boolean.FALSE.equals(v)) {
                return v;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("the page did not get there in 30 s: " + script);
    }
}
