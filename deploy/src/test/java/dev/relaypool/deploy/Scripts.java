package dev.relaypool.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the deployment scripts and tools as an operator would, with a bounded wait. */
final class Scripts {
    /** The deploy/ directory (Failsafe runs in the module's base directory). */
    static final Path DEPLOY = Path.of("").toAbsolutePath();
    static final Path REPOSITORY = DEPLOY.getParent();

    record Result(int exitCode, String output) {
        boolean succeeded() { return exitCode == 0; }
    }

    private Scripts() {}

    static Result run(Path workingDirectory, Map<String, String> environment, List<String> command) {
        try {
            Path log = Files.createTempFile("relaypool-deploy-test", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(3, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("timed out after 3 minutes: " + command);
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    static Result run(List<String> command) {
        return run(DEPLOY, Map.of(), command);
    }

    static Result bash(Path script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        return run(command);
    }

    /** True when the tool answers on the PATH (used to skip, with a reason, where it is not installed). */
    static boolean available(String... probe) {
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips the calling test, saying so on the console, when a tool it needs is missing. */
    static void assumeInstalled(boolean installed, String reason) {
        if (!installed) {
            System.err.println("[SKIPPED] " + reason);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(installed, reason);
    }

    /** The JDK running the tests: a Java 25, as install.sh demands. */
    static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }
}
