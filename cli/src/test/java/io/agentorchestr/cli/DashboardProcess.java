package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code agentorchestr --dashboard --port 0 --json} from the distribution, with its URL and token. */
final class DashboardProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Process process;
    final String url;
    final int port;
    final String token;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private DashboardProcess(Process process, JsonNode info) {
        this.process = process;
        this.url = info.get("url").asText();
        this.port = info.get("port").asInt();
        this.token = url.substring(url.indexOf("token=") + 6);
    }

    static DashboardProcess start(Distribution dist, Path stderr, String... extra) throws IOException {
        List<String> argv = new ArrayList<>(List.of(dist.launcher().toString(), "--dashboard", "--port", "0",
                "--json"));
        argv.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(dist.environment());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder json = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            json.append(line).append('\n');
            if (line.equals("}")) {
                break;
            }
        }
        if (json.indexOf("{") < 0) {
            p.destroyForcibly();
            throw new IOException("the dashboard printed no URL; stderr: " + java.nio.file.Files.readString(stderr));
        }
        return new DashboardProcess(p, JSON.readTree(json.toString()));
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path, "Authorization", "Bearer " + token);
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** SIGTERM, as Ctrl-C would: the dashboard stops and exits 0. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
