package dev.relaypool.fake;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Live numbers a test or a benchmark reads: requests seen, requests and streams open, token calls, HTTP/2 use. */
final class Counters {
    final AtomicLong requests = new AtomicLong();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger openStreams = new AtomicInteger();
    final AtomicLong tokenCalls = new AtomicLong();
    final AtomicLong ids = new AtomicLong();
    final AtomicLong http2Requests = new AtomicLong();
    /** Client addresses of HTTP/2 connections: one per connection, however many streams it carries. */
    final Set<String> http2Peers = ConcurrentHashMap.newKeySet();

    void reset() {
        requests.set(0);
        tokenCalls.set(0);
        http2Requests.set(0);
        http2Peers.clear();
    }
}
