package io.agentorchestr.core.tmux;

import io.agentorchestr.core.process.ProcessSpec;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.testing.PrivateTmux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each layout, seen in where tmux put the panes. */
@Timeout(60)
class PanePlacerIT {
    @TempDir
    Path dir;
    private int servers;

    private static Path mkdirs(Path d) {
        try {
            return java.nio.file.Files.createDirectories(d);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The lead and {@code workers} workers placed by {@code layout}; the panes as "window left top width height". */
    private List<String> place(PaneLayout layout, int workers) {
        return place(layout, workers, null);
    }

    /** As above, the window first resized to {@code size} ("100 24"), as a client of that size attaching does. */
    private List<String> place(PaneLayout layout, int workers, String size) {
        // A server of its own each time: a new one on the socket of one just killed may find it still going.
        Path own = dir.resolve("server-" + servers++);
        try (PrivateTmux server = PrivateTmux.overControlMode(mkdirs(own))) {
            PanePlacer placer = new PanePlacer(server.tmux(), layout);
            NewPane sleep = new NewPane(List.of("sleep", "600"), dir, Map.of());
            placer.openSession("s", sleep);
            String socket = own.resolve("tmux.sock").toString();
            if (size != null) {
                new SystemProcessRunner().runChecked(ProcessSpec.of("tmux", "-S", socket, "resize-window", "-t", "s",
                        "-x", size.split(" ")[0], "-y", size.split(" ")[1]));
            }
            for (int i = 0; i < workers; i++) {
                placer.addPane("s", sleep);
            }
            String out = new SystemProcessRunner().runChecked(ProcessSpec.of("tmux", "-S",
                    socket, "list-panes", "-s", "-t", "s", "-F",
                    "#{window_name} #{pane_left} #{pane_top} #{pane_width} #{pane_height}")).stdout();
            return new ArrayList<>(out.strip().lines().toList());
        }
    }

    private static Map<String, Long> perWindow(List<String> panes) {
        return panes.stream().collect(Collectors.groupingBy(p -> p.split(" ")[0], Collectors.counting()));
    }

    @Test
    void theWindowsLayoutGivesEachWorkerAWindowOfItsOwn() {
        List<String> panes = place(new PaneLayout(PaneLayout.Kind.WINDOWS, 5), 3);
        assertEquals(Map.of("agentorchestr", 1L, "agentorchestr-2", 1L, "agentorchestr-3", 1L, "agentorchestr-4", 1L),
                perWindow(panes));
    }

    @Test
    void panesPerWindowDecidesWhenTheNextWindowOpens() {
        List<String> panes = place(new PaneLayout(PaneLayout.Kind.TILED, 3), 4);
        assertEquals(Map.of("agentorchestr", 3L, "agentorchestr-2", 2L), perWindow(panes));
    }

    @Test
    void mainVerticalPutsTheLeadOnTheLeftAndMainHorizontalOnTop() {
        List<String> vertical = place(new PaneLayout(PaneLayout.Kind.MAIN_VERTICAL, 5), 2);
        int[] lead = numbers(vertical.get(0));
        int[] worker = numbers(vertical.get(1));
        assertTrue(lead[0] == 0 && worker[0] > 0 && worker[1] <= lead[1] + 1, "workers right of the lead: " + vertical);
        List<String> horizontal = place(PaneLayout.DEFAULT, 2);
        lead = numbers(horizontal.get(0));
        worker = numbers(horizontal.get(1));
        assertTrue(worker[0] == 0 && worker[1] > lead[1] + 1, "workers below the lead: " + horizontal);
    }

    @Test
    void onA24LineTerminalTheLeadKeepsHalfAndTheWorkersShareTheRest() {
        List<String> panes = place(PaneLayout.DEFAULT, 4, "100 24");
        assertEquals(Map.of("agentorchestr", 5L), perWindow(panes));
        int[] lead = numbers(panes.get(0));
        int[] worker = numbers(panes.get(4));
        assertTrue(lead[3] >= 10 && lead[3] <= 13 && worker[3] >= 10, "half each: " + panes);
    }

    @Test
    void aWorkerThatNoLongerFitsInTheWindowOpensTheNextInsteadOfFailing() {
        List<String> panes = place(new PaneLayout(PaneLayout.Kind.TILED, 16), 12, "30 8");
        Map<String, Long> windows = perWindow(panes);
        assertEquals(13L, windows.values().stream().mapToLong(Long::longValue).sum(), panes.toString());
        assertTrue(windows.containsKey("agentorchestr-2"), "spilled over: " + panes);
    }

    /** left, top, width, height of a pane line. */
    private static int[] numbers(String pane) {
        String[] f = pane.split(" ");
        return new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4])};
    }

    @Test
    void theStoredFormReadsBackAndABadOneIsRefusedWithTheChoices() {
        assertEquals(new PaneLayout(PaneLayout.Kind.MAIN_VERTICAL, 3), PaneLayout.parse("main-vertical 3\n"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PaneLayout.Kind.parse("grid"));
        assertEquals("unknown layout 'grid'; use one of main-horizontal, main-vertical, tiled, windows", e.getMessage());
    }
}
