package io.agentorchestr.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** What sessions cost. */
public final class CostOptions {
    @Option(names = "--cost", paramLabel = "ID", arity = "0..1", fallbackValue = "", order = 17,
            description = "Tokens and USD per session and per agent (workers and the lead), read from the agents' "
                    + "own records: of session ID, else of recent sessions (of the project with --project). With "
                    + "--json: everything.")
    public String cost;

    @Option(names = "--since", paramLabel = "DURATION", order = 18, converter = DurationConverter.class,
            description = "With --cost: only sessions started within this long, e.g. 7d, 12h.")
    public Duration since;
}
