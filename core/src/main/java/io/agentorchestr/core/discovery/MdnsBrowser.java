package io.agentorchestr.core.discovery;

import java.util.List;

/** Port to the agents advertised over mDNS that a browse has resolved so far. */
public interface MdnsBrowser extends AutoCloseable {

    /** A browser for when mDNS is off: it finds nothing. */
    MdnsBrowser NONE = new MdnsBrowser() {
        @Override
        public List<MdnsRecord> records() {
            return List.of();
        }

        @Override
        public void close() {
        }
    };

    /** The services resolved now; the first call waits for the first round of answers. */
    List<MdnsRecord> records();

    @Override
    void close();
}
