package dev.relaypool.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The last step of the server module's build (verify phase): scans the server logs every test run wrote (see
 * logback-test.xml, {@code target/test-logs/}) for the secrets the fixtures use, and fails the build naming the
 * file, line and kind of secret (never the secret itself) when one is found. Fixed strings are the fixtures' own;
 * patterns catch generated ones (member keys, admin API keys, upstream keys, OAuth tokens of the fake).
 */
public final class TestLogScan {
    /** The secrets fixtures and scenario tests use, with a name to report instead of the value. */
    static final List<Secret> SECRETS = List.of(
            Secret.fixed("member/admin password of ApiClient", ApiClient.PASSWORD),
            Secret.fixed("proxy password of ProxyIT", "proxy-pass-7781"),
            Secret.fixed("proxy password of ProxyConnectivityIT", "proxy-secret-5521"),
            Secret.fixed("imported OAuth access token", "imported-access-token-9f3a"),
            Secret.fixed("imported OAuth refresh token", "imported-refresh-token-77c1"),
            Secret.pattern("full member key", "rp-[0-9A-Za-z]{43}"),
            Secret.pattern("admin API key", "rpa_[0-9A-Za-z_-]{30,}"),
            Secret.pattern("upstream API key of RelayFixture", "sk-upstream-\\d+"),
            Secret.pattern("OAuth token of the fake provider", "fake-(access|refresh)-token-\\d+"),
            Secret.pattern("secret of a hygiene scenario", "hygiene-secret-[0-9a-z-]+"));

    record Secret(String name, Pattern pattern) {
        static Secret fixed(String name, String value) {
            return new Secret(name, Pattern.compile(Pattern.quote(value)));
        }

        static Secret pattern(String name, String regex) {
            return new Secret(name, Pattern.compile(regex));
        }
    }

    private TestLogScan() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/test-logs");
        List<String> findings = scan(dir);
        if (!findings.isEmpty()) {
            throw new IllegalStateException("Secrets found in the server logs of the test run:\n  "
                    + String.join("\n  ", findings.subList(0, Math.min(50, findings.size()))));
        }
        System.out.println("TestLogScan: no fixture secret in " + dir.toAbsolutePath());
    }

    /** One finding per line and secret kind: {@code file:line: kind}. */
    static List<String> scan(Path dir) {
        List<String> findings = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return findings;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    for (Secret secret : SECRETS) {
                        Matcher matcher = secret.pattern().matcher(lines.get(i));
                        if (matcher.find()) {
                            findings.add(file.getFileName() + ":" + (i + 1) + ": " + secret.name());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }
}
