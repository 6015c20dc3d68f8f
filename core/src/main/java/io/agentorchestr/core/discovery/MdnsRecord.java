package io.agentorchestr.core.discovery;

/**
 * One {@value #SERVICE_TYPE} service a shim advertises: its instance name and the TXT entries that
 * tie it to a card. DNS-SD service labels are at most 15 characters: {@code _agentorch} fits.
 */
public record MdnsRecord(String instance, String name, long pid, String card, String user, String host) {
    public static final String SERVICE_TYPE = "_agentorch._tcp.local.";
}
