package dev.relaypool.server.gateway;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The client's side of a relayed answer: the status line is sent with the first bytes, then each write is flushed. */
interface ClientSink {
    /** The client hung up; the upstream call must stop. */
    final class ClientDisconnected extends IOException {
        ClientDisconnected(IOException cause) {
            super("client disconnected", cause);
        }
    }

    boolean committed();

    /** Sets status and headers; {@code contentLength} is -1 for a stream. Nothing is sent before the first write. */
    void commit(int status, List<Map.Entry<String, String>> headers, long contentLength);

    /** Writes and flushes, so the client sees these bytes now. */
    void write(byte[] bytes) throws ClientDisconnected;
}
