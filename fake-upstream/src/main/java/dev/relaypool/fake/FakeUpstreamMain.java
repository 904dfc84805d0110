package dev.relaypool.fake;

/** Standalone entry point of the fake upstream (placeholder until the fake lands). */
public final class FakeUpstreamMain {
    private FakeUpstreamMain() {}

    public static void main(String[] args) {
        System.out.println("fake upstream: not yet implemented");
    }
}
