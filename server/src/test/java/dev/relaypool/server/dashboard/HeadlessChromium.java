package dev.relaypool.server.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium driven over WebDriver: Debian's {@code chromium} and {@code chromium-driver} (or the
 * paths in {@code RELAYPOOL_CHROMIUM} / {@code RELAYPOOL_CHROMEDRIVER}), each run with a fresh profile directory that
 * is deleted on close. Nothing is downloaded: without both binaries, {@link #unavailable()} says why.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why no browser can be started here, or empty when one can. */
    static Optional<String> unavailable() {
        if (browser().isEmpty()) {
            return Optional.of("no Chromium found (install Debian's 'chromium' or set RELAYPOOL_CHROMIUM)");
        }
        if (driver().isEmpty()) {
            return Optional.of("no chromedriver found (install Debian's 'chromium-driver' or set RELAYPOOL_CHROMEDRIVER)");
        }
        return Optional.empty();
    }

    static HeadlessChromium start(int width, int height) {
        Path profile;
        try {
            profile = Files.createTempDirectory("relaypool-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().orElseThrow());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--hide-scrollbars",
                "--force-device-scale-factor=1", "--lang=en-US");
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(driver().orElseThrow()).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(20));
        return new HeadlessChromium(driver, profile);
    }

    private static Optional<String> browser() {
        return find("RELAYPOOL_CHROMIUM", BROWSERS);
    }

    private static Optional<String> driver() {
        return find("RELAYPOOL_CHROMEDRIVER", DRIVERS);
    }

    private static Optional<String> find(String variable, List<String> candidates) {
        String configured = System.getenv(variable);
        Stream<String> paths = configured == null || configured.isBlank()
                ? candidates.stream() : Stream.of(configured);
        return paths.filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp profile is harmless
            }
        }
    }
}
