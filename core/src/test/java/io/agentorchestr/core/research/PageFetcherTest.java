package io.agentorchestr.core.research;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page fetcher's limits, each against a loopback page that breaks it. */
@Timeout(30)
class PageFetcherTest {
    private StubWeb web;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws IOException {
        web = new StubWeb();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private PageFetcher fetcher(boolean allowPrivate) {
        return new PageFetcher(http, new ResearchSettings(URI.create(web.url()), null, null, 2_000_000, 1, 3,
                allowPrivate, 24), PageFetcher.HostResolver.SYSTEM);
    }

    private String refusal(boolean allowPrivate, String url) {
        return assertThrows(PageFetcher.Refused.class, () -> fetcher(allowPrivate).fetch(url)).getMessage();
    }

    @Test
    void aPageIsItsMainTextOneLinePerBlock() throws PageFetcher.Refused {
        Page page = fetcher(true).fetch(web.url() + "/page/jwt");
        assertEquals("JWT in jjwt 0.12", page.title());
        assertEquals("Parsing tokens\n\nUse Jwts.parser().verifyWith(key).build() in 0.12.\n\nThe old setSigningKey "
                + "is deprecated.", page.text());
    }

    @Test
    void aRedirectIsFollowedAndAnEndlessOneIsRefused() throws PageFetcher.Refused {
        assertEquals(web.url() + "/page/keys", fetcher(true).fetch(web.url() + "/moved").url());
        assertEquals("more than 3 redirects", refusal(true, web.url() + "/loop"));
    }

    @Test
    void oversizePagesAreRefusedWhetherTheyDeclareTheirSizeOrNot() {
        assertTrue(refusal(true, web.url() + "/big").startsWith("larger than 2000000 bytes"));
        assertTrue(refusal(true, web.url() + "/streamed-big").startsWith("larger than 2000000 bytes"));
    }

    @Test
    void aSlowPageIsCutOffAtTheTimeLimit() {
        long start = System.nanoTime();
        assertEquals("slower than 1 s ([research] page_timeout_s)", refusal(true, web.url() + "/slow"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "the page drips for 17 s");
    }

    @Test
    void onlyTextOverHttpIsRead() {
        assertEquals("not a text page (application/pdf)", refusal(true, web.url() + "/report.pdf"));
        assertTrue(refusal(true, "file:///etc/passwd").startsWith("only http and https pages are read, not file:"));
        assertEquals("HTTP 404", refusal(true, web.url() + "/nowhere"));
    }

    @Test
    void privateAndLoopbackAddressesAreRefusedUnlessAllowed() throws IOException {
        String message = refusal(false, web.url() + "/page/keys");
        assertTrue(message.contains("127.0.0.1 is a private or loopback address")
                && message.contains("allow_private = true"), message);
        assertTrue(refusal(false, "http://localhost:1/").contains("loopback"));
        assertEquals(0, web.got.size(), "nothing was asked of a refused address");
        for (String a : new String[]{"10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                "0.0.0.0", "::1", "fd00::1", "fe80::1"}) {
            assertTrue(PageFetcher.isPrivate(InetAddress.getByName(a)), a);
        }
        for (String a : new String[]{"93.184.216.34", "2606:4700::1111", "100.128.0.1"}) {
            assertFalse(PageFetcher.isPrivate(InetAddress.getByName(a)), a);
        }
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedAtTheHop() {
        // The first address passes as a public name (the resolver is the test's); the redirect's does not.
        PageFetcher f = new PageFetcher(http, new ResearchSettings(null, null, null, 2_000_000, 2, 3, false, 24),
                host -> host.equals("127.0.0.1") ? new InetAddress[]{InetAddress.getByName("93.184.216.34")}
                        : InetAddress.getAllByName(host));
        String message = assertThrows(PageFetcher.Refused.class, () -> f.fetch(web.url()
                + "/redirect-out")).getMessage();
        assertTrue(message.contains("localhost is a private or loopback address"), message);
    }
}
