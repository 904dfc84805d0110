package dev.relaypool.server.gateway.upstream;

import okhttp3.Call;

/**
 * Lets the client side stop the upstream call of its request: when the client goes away, the call in flight is
 * cancelled (which releases the connection and, through the caller's finally, the lease).
 */
public final class CancelSignal {
    private Call current;
    private boolean cancelled;

    public synchronized void attach(Call call) {
        current = call;
        if (cancelled) {
            call.cancel();
        }
    }

    public synchronized void cancel() {
        cancelled = true;
        if (current != null) {
            current.cancel();
        }
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }
}
