package io.agentorchestr.cli.mcp;

import io.agentorchestr.core.goal.Supervisor;
import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.research.WebResearch;

/** What a session's model tools use: its model router, and web_research with the project's [research]. */
public interface SessionModels {
    ModelRouter router(Supervisor session);

    WebResearch research(Supervisor session);
}
