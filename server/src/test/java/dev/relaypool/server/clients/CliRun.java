package dev.relaypool.server.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process to completion under a hard time limit, in a clean environment: only the variables given
 * (no inherited API keys, proxies or home directory), stdin closed, stdout and stderr captured to files so a
 * chatty child can never block on a full pipe. On timeout the whole process tree is killed.
 */
final class CliRun {
    record Result(List<String> command, int exitCode, boolean timedOut, String stdout, String stderr, Duration took) {
        /** Everything a failed assertion needs to explain itself. */
        String describe() {
            return String.join(" ", command) + "\n-> " + (timedOut ? "TIMED OUT" : "exit " + exitCode) + " after "
                    + took.toMillis() + " ms\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private CliRun() {}

    static Result run(List<String> command, Map<String, String> environment, Path workDir, Duration timeout)
            throws IOException {
        Path out = Files.createTempFile("relaypool-cli", ".out");
        Path err = Files.createTempFile("relaypool-cli", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            long start = System.nanoTime();
            Process process = builder.start();
            process.getOutputStream().close(); // a CLI that reads stdin sees an empty one, not a hang
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished) {
                killTree(process);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Result(List.copyOf(command), finished ? process.exitValue() : -1, !finished,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), took);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
