package dev.relaypool.server;

import dev.relaypool.server.config.ConfigException;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.config.RelaypoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Composition root: reads the configuration, starts the server, stops it cleanly on SIGTERM. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        RelaypoolConfig config;
        try {
            config = ConfigLoader.load(System.getenv());
        } catch (ConfigException e) {
            System.err.println("relaypool: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        RelaypoolServer server = RelaypoolServer.start(config);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(server::close));
        log.info("Relaypool listening on http://{}:{}", config.server().host(), server.port());
    }
}
