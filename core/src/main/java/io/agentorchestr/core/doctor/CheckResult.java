package io.agentorchestr.core.doctor;

/**
 * One health check: what was checked, how it came out, what was found, and how to fix it. A warning
 * names something worth fixing that does not stop agentorchestr doing its job; only a failure makes
 * the machine unhealthy.
 */
public record CheckResult(String name, Status status, String detail, String fix) {
    public enum Status { OK, WARN, FAIL }

    public static CheckResult pass(String name, String detail) {
        return new CheckResult(name, Status.OK, detail, null);
    }

    public static CheckResult warn(String name, String detail, String fix) {
        return new CheckResult(name, Status.WARN, detail, fix);
    }

    public static CheckResult fail(String name, String detail, String fix) {
        return new CheckResult(name, Status.FAIL, detail, fix);
    }

    /** Not a failure: a passed check or a warning. */
    public boolean ok() {
        return status != Status.FAIL;
    }
}
