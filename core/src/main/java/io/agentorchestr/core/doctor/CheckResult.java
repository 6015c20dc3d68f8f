package io.agentorchestr.core.doctor;

/** One health check: what was checked, whether it passed, what was found, and how to fix a failure. */
public record CheckResult(String name, boolean ok, String detail, String fix) {
    public static CheckResult pass(String name, String detail) {
        return new CheckResult(name, true, detail, null);
    }

    public static CheckResult fail(String name, String detail, String fix) {
        return new CheckResult(name, false, detail, fix);
    }
}
