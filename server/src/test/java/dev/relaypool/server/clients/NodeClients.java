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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real command-line clients (Claude Code, Codex CLI, Gemini CLI), pinned in {@code server/src/test/clients}.
 * On first use in a JVM it finds {@code node} and {@code npm} on the PATH and, when {@code node_modules} is
 * missing, runs {@code npm ci} there once. When that cannot work (no Node.js, no network, a failed install) every
 * test class that registers this extension is skipped with the reason printed: a missing tool is never a pass.
 *
 * <pre>{@code @RegisterExtension static final NodeClients clients = new NodeClients();}</pre>
 */
public final class NodeClients implements BeforeAllCallback {
    /** A client and where its launcher lives under {@code node_modules}. */
    public enum Cli {
        /** The vendor's fallback launcher: it starts the native binary whether or not npm ran install scripts. */
        CLAUDE_CODE("@anthropic-ai/claude-code/cli-wrapper.cjs"),
        CODEX("@openai/codex/bin/codex.js"),
        GEMINI("@google/gemini-cli/bundle/gemini.js");

        private final String script;

        Cli(String script) {
            this.script = script;
        }
    }

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    private sealed interface Availability {
        record Ready(Path node, Path nodeModules) implements Availability {}

        record Unavailable(String reason) implements Availability {}
    }

    private static Availability availability; // guarded by NodeClients.class

    @Override
    public void beforeAll(ExtensionContext context) {
        if (availability() instanceof Availability.Unavailable(String reason)) {
            String message = "SKIPPED " + context.getDisplayName() + ": the real CLI clients are unavailable: " + reason;
            System.err.println(message);
            Assumptions.abort(message);
        }
    }

    /** The command line that starts {@code cli} with {@code args}. */
    public List<String> command(Cli cli, String... args) {
        if (!(availability() instanceof Availability.Ready(Path node, Path nodeModules))) {
            throw new IllegalStateException("NodeClients is not registered as an extension, or unavailable");
        }
        List<String> command = new ArrayList<>(List.of(node.toString(), nodeModules.resolve(cli.script).toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * A clean environment for a client: its own home and temporary directory, a PATH with {@code node} (launchers start it by name), no
     * colours, no proxies, and nothing inherited from the machine (API keys, the real home, telemetry settings).
     */
    public Map<String, String> environment(Path home) {
        if (!(availability() instanceof Availability.Ready(Path node, Path ignored))) {
            throw new IllegalStateException("NodeClients is unavailable");
        }
        Map<String, String> env = new HashMap<>();
        env.put("PATH", node.getParent() + File.pathSeparator + "/usr/local/bin:/usr/bin:/bin");
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
        return new Availability.Ready(node.get(), nodeModules);
    }

    private static boolean launchersPresent(Path nodeModules) {
        for (Cli cli : Cli.values()) {
            if (!Files.isRegularFile(nodeModules.resolve(cli.script))) {
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
