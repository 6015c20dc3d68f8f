package io.agentorchestr.core.attend;

import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.tmux.Tmux;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells the person when they are needed, through every channel this machine and the config give
 * ({@link NotifyMode}, {@link NotifyConfig}). Never in the goal's way: each channel sends on a thread
 * of its own with a short queue (a slow webhook holds up only itself; past the queue, notices to it
 * are dropped), and the same event about the same agent is sent at most once per the config's
 * interval (the goal's end always is). A channel that fails is reported once.
 */
public final class Attention implements AutoCloseable {
    private static final int QUEUE = 16;

    private final List<Channel> channels = new ArrayList<>();
    private final Duration minInterval;
    private final Clock clock;
    private final Consumer<String> trouble;
    private final Map<String, Instant> lastSent = new HashMap<>();
    private final Set<String> reported = new HashSet<>();

    Attention(List<NoticeChannel> channels, Duration minInterval, Clock clock, Consumer<String> trouble) {
        channels.forEach(c -> this.channels.add(new Channel(c)));
        this.minInterval = minInterval;
        this.clock = clock;
        this.trouble = trouble;
    }

    /** Tells nobody. */
    public static Attention none() {
        return new Attention(List.of(), Duration.ZERO, Clock.systemUTC(), m -> { });
    }

    /** The channels {@code mode} and {@code config} ask for, that exist on this machine. */
    public static Attention of(NotifyMode mode, NotifyConfig config, Tmux tmux, ProcessRunner runner,
                               Map<String, String> env, Path project, Consumer<String> trouble) {
        List<NoticeChannel> channels = new ArrayList<>();
        if (mode != NotifyMode.NONE) {
            if (mode.terminal()) {
                channels.add(new TerminalChannel(tmux));
            }
            if (mode.desktop()) {
                DesktopChannel.find(runner, env).ifPresent(channels::add);
            }
            config.commands().forEach(c -> channels.add(new CommandChannel(runner, c, project)));
            if (!config.webhooks().isEmpty()) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(WebhookChannel.TIMEOUT).build();
                for (URI url : config.webhooks()) {
                    channels.add(new WebhookChannel(http, url));
                }
            }
        }
        return new Attention(channels, config.minInterval(), Clock.systemUTC(), trouble);
    }

    /** Sends {@code notice} on every channel, unless the same was sent within the interval. */
    public void tell(Notice notice) {
        if (channels.isEmpty() || !due(notice)) {
            return;
        }
        for (Channel c : channels) {
            c.offer(notice);
        }
    }

    private synchronized boolean due(Notice notice) {
        if (notice.kind() == Notice.Kind.GOAL_ENDED) {
            return true;
        }
        String key = notice.kind().label() + "/" + notice.who();
        Instant now = clock.instant();
        Instant last = lastSent.get(key);
        if (last != null && now.isBefore(last.plus(minInterval))) {
            return false;
        }
        lastSent.put(key, now);
        return true;
    }

    private void failed(NoticeChannel channel, Exception e) {
        synchronized (this) {
            if (!reported.add(channel.name())) {
                return;
            }
        }
        trouble.accept("warning: a notice could not be sent by " + channel.name() + " (" + e.getMessage()
                + "); the goal goes on, and later failures of it are not reported");
    }

    /** Lets what is queued go out for up to {@code grace} (the goal's end, before the process exits). */
    public void close(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        channels.forEach(c -> c.executor.shutdown());
        for (Channel c : channels) {
            try {
                if (!c.executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    c.executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.executor.shutdownNow();
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(3));
    }

    /** A channel and its own thread. */
    private final class Channel {
        final NoticeChannel channel;
        final ThreadPoolExecutor executor;

        Channel(NoticeChannel channel) {
            this.channel = channel;
            this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE),
                    r -> {
                        Thread t = new Thread(r, "notice-" + channel.name());
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.DiscardPolicy());
        }

        void offer(Notice notice) {
            executor.execute(() -> {
                try {
                    channel.send(notice);
                } catch (Exception e) {
                    failed(channel, e);
                }
            });
        }
    }
}
