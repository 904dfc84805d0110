package dev.relaypool.desktop.dashboard;

import java.time.Instant;

/** One line of the live feed, already in words. */
record FeedRow(String requestId, Instant at, String user, String key, String model, String tokens, String cost,
               String latency, int status) {}
