package dev.relaypool.server.clients;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real command-line clients (Claude Code, Codex CLI, Gemini CLI), pinned in {@code server/src/test/clients}.
 * On first use in a JVM it finds {@code node} and {@code npm} on the PATH and, when {@code node_modules} is
 * missing, runs {@code npm ci} there once. When that cannot work (no Node.js, no network, a failed install, a
 * Node.js older than the client's {@code engines}) the test class that registers this extension is skipped with
 * the reason printed: a missing tool is never a pass.
 *
 * <pre>{@code @RegisterExtension static final NodeClients gemini = new NodeClients(NodeClients.Cli.GEMINI);}</pre>
 */
public final class NodeClients implements ExecutionCondition {
    /** A client, the launcher {@code node} runs under {@code node_modules}, and whether its engines bind. */
    public enum Cli {
        /** The vendor's fallback launcher: it starts the native binary whether or not npm ran install scripts. */
        CLAUDE_CODE("@anthropic-ai/claude-code", "cli-wrapper.cjs", false),
        CODEX("@openai/codex", "bin/codex.js", true),
        GEMINI("@google/gemini-cli", "bundle/gemini.js", true);

        private final String pkg;
        private final String script;
        /** Claude Code's engines field is about its JavaScript build; the launcher used here only execs a binary. */
        private final boolean enginesApply;

        Cli(String pkg, String script, boolean enginesApply) {
            this.pkg = pkg;
            this.script = script;
            this.enginesApply = enginesApply;
        }
    }

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern MIN_NODE = Pattern.compile("\"node\"\\s*:\\s*\">=\\s*v?(\\d+)");

    private sealed interface Availability {
        record Ready(Path node, int nodeMajor, Path nodeModules) implements Availability {}

        record Unavailable(String reason) implements Availability {}
    }

    private static Availability availability; // guarded by NodeClients.class

    private final Cli cli;

    public NodeClients(Cli cli) {
        this.cli = cli;
    }

    /** Decided before anything of the class starts (no database, no relay), and reported as skipped. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> reason = switch (availability()) {
            case Availability.Unavailable(String why) -> Optional.of("the real CLI clients are unavailable: " + why);
            case Availability.Ready(Path node, int nodeMajor, Path nodeModules) -> tooOld(nodeMajor, nodeModules);
        };
        if (reason.isEmpty()) {
            return ConditionEvaluationResult.enabled("Node.js and " + cli.pkg + " are installed");
        }
        String message = "SKIPPED " + context.getDisplayName() + ": " + reason.get();
        if (context.getTestMethod().isEmpty()) {
            System.err.println(message);
        }
        return ConditionEvaluationResult.disabled(message);
    }

    /** The command line that starts this client with {@code args}. */
    public List<String> command(String... args) {
        Availability.Ready ready = ready();
        List<String> command = new ArrayList<>(List.of(ready.node().toString(),
                ready.nodeModules().resolve(cli.pkg).resolve(cli.script).toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * A clean environment for a client: its own home and temporary directory, a PATH with {@code node} (launchers
     * start it by name), no colours, no proxies, and nothing inherited from the machine (API keys, the real home,
     * telemetry settings).
     */
    public Map<String, String> environment(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", ready().node().getParent() + File.pathSeparator + "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("TMPDIR", tempDirectory(home).toString()); // crash reports stay out of the machine's /tmp
        env.put("LANG", "C.UTF-8");
        env.put("TERM", "dumb");
        env.put("NO_COLOR", "1");
        env.put("NO_PROXY", "127.0.0.1,localhost");
        return env;
    }

    private Availability.Ready ready() {
        if (!(availability() instanceof Availability.Ready ready)) {
            throw new IllegalStateException("NodeClients is unavailable; register it with @RegisterExtension");
        }
        return ready;
    }

    private Optional<String> tooOld(int nodeMajor, Path nodeModules) {
        if (!cli.enginesApply) {
            return Optional.empty();
        }
        try {
            Matcher engines = MIN_NODE.matcher(Files.readString(nodeModules.resolve(cli.pkg).resolve("package.json")));
            if (engines.find() && Integer.parseInt(engines.group(1)) > nodeMajor) {
                return Optional.of(cli.pkg + " needs Node.js " + engines.group(1) + " or newer, this is Node.js " + nodeMajor);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read " + cli.pkg + "/package.json: " + e);
        }
    }

    private static Path tempDirectory(Path home) {
        try {
            return Files.createDirectories(home.resolve("tmp"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static synchronized Availability availability() {
        if (availability == null) {
            availability = probe();
        }
        return availability;
    }

    private static Availability probe() {
        Optional<Path> node = onPath("node");
        if (node.isEmpty()) {
            return new Availability.Unavailable("no `node` on the PATH (install Node.js, e.g. `apt-get install nodejs npm`)");
        }
        Optional<Path> dir = clientsDirectory();
        if (dir.isEmpty()) {
            return new Availability.Unavailable("src/test/clients/package.json not found from " + Path.of("").toAbsolutePath());
        }
        Path nodeModules = dir.get().resolve("node_modules");
        if (!launchersPresent(nodeModules)) {
            Optional<Path> npm = onPath("npm");
            if (npm.isEmpty()) {
                return new Availability.Unavailable("no `npm` on the PATH to install " + dir.get().resolve("package-lock.json"));
            }
            Optional<String> failure = npmCi(npm.get(), dir.get());
            if (failure.isPresent()) {
                return new Availability.Unavailable(failure.get());
            }
            if (!launchersPresent(nodeModules)) {
                return new Availability.Unavailable("`npm ci` in " + dir.get() + " finished but a client is missing");
            }
        }
        OptionalInt major = nodeMajor(node.get());
        if (major.isEmpty()) {
            return new Availability.Unavailable("`" + node.get() + " --version` did not answer with a version");
        }
        return new Availability.Ready(node.get(), major.getAsInt(), nodeModules);
    }

    private static OptionalInt nodeMajor(Path node) {
        try {
            CliRun.Result result = CliRun.run(List.of(node.toString(), "--version"), Map.of(), Path.of(".").toAbsolutePath(), Duration.ofSeconds(20));
            Matcher version = Pattern.compile("^v?(\\d+)\\.").matcher(result.stdout().strip());
            return result.exitCode() == 0 && version.find() ? OptionalInt.of(Integer.parseInt(version.group(1))) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    private static boolean launchersPresent(Path nodeModules) {
        for (Cli cli : Cli.values()) {
            if (!Files.isRegularFile(nodeModules.resolve(cli.pkg).resolve(cli.script))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> npmCi(Path npm, Path dir) {
        System.err.println("NodeClients: installing the pinned CLI clients with `npm ci` in " + dir);
        try {
            Path log = Files.createTempFile("relaypool-npm-ci", ".log");
            CliRun.Result result = CliRun.run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"),
                    Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                            "HOME", System.getProperty("user.home")),
                    dir, INSTALL_TIMEOUT);
            Files.writeString(log, result.describe());
            if (result.timedOut()) {
                return Optional.of("`npm ci` in " + dir + " took longer than " + INSTALL_TIMEOUT + " (log: " + log + ")");
            }
            if (result.exitCode() != 0) {
                return Optional.of("`npm ci` in " + dir + " failed with exit code " + result.exitCode() + ": "
                        + tail(result.stderr()) + " (log: " + log + ")");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("`npm ci` in " + dir + " could not run: " + e);
        }
    }

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 600 ? trimmed : "..." + trimmed.substring(trimmed.length() - 600);
    }

    private static Optional<Path> clientsDirectory() {
        for (Path candidate : List.of(Path.of("src/test/clients"), Path.of("server/src/test/clients"))) {
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return Optional.of(candidate.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate = Path.of(entry, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
