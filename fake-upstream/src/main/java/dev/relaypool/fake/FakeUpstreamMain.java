package dev.relaypool.fake;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./relaypool fake-upstream [--host H] [--port N] [--pacing-ms N] [--reply TEXT] [--deltas N] [--record N]}:
 * runs the fake until the process is stopped. Quiet apart from the start line; control it over {@code /_fake/*}.
 */
public final class FakeUpstreamMain {
    private static final String USAGE = """
            usage: fake-upstream [--host 127.0.0.1] [--port 8090] [--pacing-ms 0] [--reply TEXT] [--deltas 4] [--record 1000]
              --record N   keep the last N requests for GET /_fake/requests (0: off)""";

    private FakeUpstreamMain() {}

    public static void main(String[] args) throws InterruptedException {
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
        System.out.println("fake upstream listening on " + fake.baseUrl()
                + "  (Anthropic /v1/messages, OpenAI /v1/chat/completions and /v1/responses, Gemini /v1beta/models/...;"
                + " control: " + fake.baseUrl() + "/_fake/)");
        stopped.await();
    }

    static FakeUpstream.Options parse(String[] args) {
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
