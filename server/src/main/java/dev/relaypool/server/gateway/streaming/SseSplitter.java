package dev.relaypool.server.gateway.streaming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a byte stream into complete server-sent events, whatever the chunking: bytes go in as they arrive, each
 * event comes out once its terminating blank line has arrived, byte for byte as received (LF, CRLF or CR line
 * ends). Concatenating every returned event and {@link #drain()} gives back exactly the input.
 */
public final class SseSplitter {
    /** An "event" larger than this is passed on in pieces rather than held in memory. */
    private final int maxEventBytes;
    private byte[] pending = new byte[1024];
    private int length;
    private boolean lineEmpty = true;
    private boolean previousWasCr;
    /** A CR ended the event; it is emitted with the LF that may follow, or before the next other byte. */
    private boolean endedByCr;

    public SseSplitter(int maxEventBytes) {
        if (maxEventBytes < 16) {
            throw new IllegalArgumentException("maxEventBytes too small");
        }
        this.maxEventBytes = maxEventBytes;
    }

    /** Feeds {@code count} bytes and returns the events completed by them (possibly none). */
    public List<byte[]> feed(byte[] bytes, int offset, int count) {
        List<byte[]> complete = new ArrayList<>(2);
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (b == '\n' && previousWasCr) {
                append(b);
                previousWasCr = false;
                if (endedByCr) {
                    endedByCr = false;
                    complete.add(take());
                }
                continue;
            }
            if (endedByCr) {
                endedByCr = false;
                complete.add(take());
            }
            append(b);
            if (b == '\n' || b == '\r') {
                if (lineEmpty) {
                    if (b == '\n') {
                        complete.add(take());
                    } else {
                        endedByCr = true;
                    }
                }
                lineEmpty = true;
                previousWasCr = b == '\r';
            } else {
                lineEmpty = false;
                previousWasCr = false;
                if (length >= maxEventBytes) {
                    complete.add(take());
                }
            }
        }
        return complete;
    }

    /** Whatever is left over at the end of the stream (an unterminated last event), possibly empty. */
    public byte[] drain() {
        endedByCr = false;
        return take();
    }

    private void append(byte b) {
        if (length == pending.length) {
            pending = Arrays.copyOf(pending, pending.length * 2);
        }
        pending[length++] = b;
    }

    private byte[] take() {
        byte[] event = Arrays.copyOf(pending, length);
        length = 0;
        if (pending.length > 64 * 1024) {
            pending = new byte[1024];
        }
        return event;
    }
}
