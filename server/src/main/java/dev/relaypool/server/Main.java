package dev.relaypool.server;

import dev.relaypool.server.config.ConfigException;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.config.RelaypoolConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

/** Composition root: reads the configuration, starts the server, stops it gracefully on SIGTERM/SIGINT (exit 0). */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        // Virtual threads wait for their sockets through the JDK's poller; its platform-thread mode added ~50 µs
        // less per relayed request on two cores (docs/performance.md, fifth round). Before any socket is used;
        // -Djdk.pollerMode=2 chooses the other mode.
        if (System.getProperty("jdk.pollerMode") == null) {
            System.setProperty("jdk.pollerMode", "1");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        RelaypoolConfig config;
        try {
            config = ConfigLoader.load(System.getenv());
        } catch (ConfigException e) {
            System.err.println("relaypool: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        RelaypoolServer server;
        try {
            server = RelaypoolServer.start(config);
        } catch (RuntimeException e) {
            log.error("Relaypool could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        log.info("Relaypool listening on http://{}:{} ({} database, {} coordination)", config.server().host(),
                server.port(), config.database().embedded() ? "embedded" : "external",
                config.redis().url().isPresent() ? "Redis" : "in-process");

        // A signal handler (rather than a shutdown hook) lets the graceful stop finish and the exit status be 0.
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        stop.await();
        log.info("Stopping: finishing in-flight requests (grace {} s)", config.server().shutdownGrace().toSeconds());
        server.close();
        log.info("Stopped cleanly");
        System.exit(0);
    }
}
