package io.agentorchestr.core.goal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A unit test of the goal's logic on a {@link TeamFixture} it opens in {@link #dir}; closed after each test. */
abstract class TeamTest {
    @TempDir
    Path dir;
    TeamFixture team;

    @AfterEach
    void closeTeam() {
        if (team != null) {
            team.close();
        }
    }
}
