package io.agentorchestr.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"agentorchestr " + version()};
    }

    public static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
