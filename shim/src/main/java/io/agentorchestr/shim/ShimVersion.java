package io.agentorchestr.shim;

/** The version the shim's jar was built as (its manifest), for cards and {@code --version}. */
final class ShimVersion {
    private ShimVersion() {
    }

    static String get() {
        String v = ShimVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
