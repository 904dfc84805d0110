package dev.relaypool.server.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;

/**
 * The listener's buffer pool: Undertow's, without its per-thread caches.
 * <p>
 * Undertow's default pool keeps a small cache of buffers per thread that takes one. That suits a fixed set of IO and
 * worker threads; here every request runs on a virtual thread of its own, which reads the request and writes the
 * answer through the pool. Each of them therefore made a cache: a finalizable object (its buffers return to the pool
 * only once the collector has found the thread dead and the finalizer has run), a weak reference on a shared list
 * that each new cache walks to prune, and, with the shared queue emptied into caches that wait for finalization,
 * fresh direct buffers (zeroed memory and a cleaner each). Measured per young collection of a loaded relay: ~1,900
 * finalizable caches and ~1,900 buffer cleaners to process, and their buffers copied as survivors
 * (docs/performance.md, sixth round). Without the caches a buffer goes back to the shared queue when it is freed.
 * <p>
 * The queue keeps at most {@link #KEPT} buffers (16 MiB); one freed beyond that is released at once. (Undertow's
 * default keeps none in the queue, relying on the per-thread caches; without them that would allocate and zero
 * fresh direct memory for every request.)
 */
public final class BufferPool {
    /** Undertow's default size for a heap above 128 MiB: 16 KiB less room for a TLS record's overhead. */
    static final int BUFFER_BYTES = 16 * 1024 - 20;
    /** Free buffers kept for reuse: more than the requests that read or write at one instant on this machine. */
    static final int KEPT = 1_024;

    private BufferPool() {}

    /** Direct buffers, up to {@link #KEPT} kept for reuse, no per-thread cache. */
    public static ByteBufferPool withoutThreadCaches() {
        return new DefaultByteBufferPool(true, BUFFER_BYTES, KEPT, 0);
    }
}
