package dev.relaypool.fake;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./relaypool fake-upstream [--host H] [--port N] [--pacing-ms N] [--reply TEXT] [--deltas N] [--record N]
 * [--tls-dir DIR]}:
 * runs the fake until the process is stopped. Quiet apart from the start line; control it over {@code /_fake/*}.
 */
public final class FakeUpstreamMain {
    private static final String USAGE = """
            usage: fake-upstream [--host 127.0.0.1] [--port 8090] [--pacing-ms 0] [--reply TEXT] [--deltas 4] [--record 1000] [--tls-dir DIR]
              --record N   keep the last N requests for GET /_fake/requests (0: off)
              --tls-dir D  also serve HTTPS (HTTP/2 and HTTP/1.1) on a free port, with a self-signed certificate
                           made in D; a relay trusts it with gateway.upstream-ca-file=D/fake-upstream-ca.pem""";

    private FakeUpstreamMain() {}

    public static void main(String[] args) throws InterruptedException, java.io.IOException {
        // Before any logger exists: the fake's own quiet logging, unless the caller chose one.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/relaypool/fake/logback-fake.xml");
        }
        FakeUpstream.Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        FakeUpstream fake = FakeUpstream.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fake.close();
            stopped.countDown();
        }, "fake-upstream-shutdown"));
        if (options.tls().isPresent()) {
            System.out.println("fake upstream listening for HTTPS on " + fake.httpsBaseUrl() + " (certificate: "
                    + options.tls().get().certificatePem() + ")");
        }
        System.out.println("fake upstream listening on " + fake.baseUrl()
                + "  (Anthropic /v1/messages, OpenAI /v1/chat/completions and /v1/responses, Gemini /v1beta/models/...;"
                + " control: " + fake.baseUrl() + "/_fake/)");
        stopped.await();
    }

    static FakeUpstream.Options parse(String[] args) throws java.io.IOException {
        FakeUpstream.Options options = FakeUpstream.Options.defaults().withPort(8090).withRecordLimit(1_000);
        String reply = null;
        int deltas = options.deltas();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("fake upstream");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--host" -> options = options.withHost(value);
                case "--port" -> options = options.withPort(number(flag, value));
                case "--pacing-ms" -> options = options.withPacing(Duration.ofMillis(number(flag, value)));
                case "--reply" -> reply = value;
                case "--deltas" -> deltas = number(flag, value);
                case "--record" -> options = options.withRecordLimit(number(flag, value));
                case "--tls-dir" -> options = options.withTls(TlsIdentity.selfSigned(java.nio.file.Path.of(value)));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return options.withReply(reply, deltas);
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, not '" + value + "'");
        }
    }
}
