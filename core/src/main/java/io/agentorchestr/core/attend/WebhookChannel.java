package io.agentorchestr.core.attend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A {@code [notify] webhooks} entry: the notice's JSON POSTed to it; any 2xx answer is taken. */
final class WebhookChannel implements NoticeChannel {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI url;

    WebhookChannel(HttpClient http, URI url) {
        this.http = http;
        this.url = url;
    }

    @Override
    public String name() {
        // Only where it goes: a webhook's path is often its secret.
        return "webhook " + url.getScheme() + "://" + url.getAuthority() + "/...";
    }

    @Override
    public void send(Notice notice) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "agentorchestr")
                .POST(HttpRequest.BodyPublishers.ofString(notice.json())).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
    }
}
