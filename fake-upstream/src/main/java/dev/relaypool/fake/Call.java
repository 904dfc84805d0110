package dev.relaypool.fake;

import java.time.Instant;
import java.util.List;

/**
 * One generation request as the wire builders need it: the echoed model, whether to stream, the reply split into
 * deltas and the usage to report.
 */
record Call(String model, boolean stream, boolean includeUsage, String text, List<String> deltas, Usage usage,
            String id, Instant now) {

    Call {
        deltas = List.copyOf(deltas);
    }

    /** Output tokens reported after {@code deltasSent} deltas: proportional, reaching the total at the end. */
    long outputTokensAfter(int deltasSent) {
        return deltas.isEmpty() ? usage.outputTokens() : usage.outputTokens() * deltasSent / deltas.size();
    }

    /** Splits text into at most {@code count} non-empty pieces of roughly equal length, on code point boundaries. */
    static List<String> split(String text, int count) {
        int[] cps = text.codePoints().toArray();
        int pieces = Math.max(1, Math.min(count, cps.length));
        if (cps.length == 0) {
            return List.of("");
        }
        String[] out = new String[pieces];
        for (int i = 0; i < pieces; i++) {
            int from = (int) ((long) cps.length * i / pieces);
            int to = (int) ((long) cps.length * (i + 1) / pieces);
            out[i] = new String(cps, from, to - from);
        }
        return List.of(out);
    }
}
