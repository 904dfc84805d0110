package dev.relaypool.desktop.prefs;

import dev.relaypool.desktop.api.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link DesktopPrefs} in {@code desktop.json} in the user's config directory. Reading a missing or broken
 * file gives the defaults (the app must always start); writes go through a temporary file so a crash never
 * leaves half a file.
 */
public final class PrefsStore {
    private static final Logger LOG = LoggerFactory.getLogger(PrefsStore.class);

    private final Path file;
    private final ObjectMapper mapper = Json.mapper();
    private DesktopPrefs current;

    public PrefsStore(Path file) {
        this.file = file;
        this.current = read();
    }

    /** In memory only: for tests and the screenshot run, which must not touch the user's settings. */
    public static PrefsStore inMemory() {
        return new PrefsStore(null);
    }

    /** {@code relaypool.desktop.configDir}, else the platform's usual place for per-user settings. */
    public static Path defaultFile() {
        String override = System.getProperty("relaypool.desktop.configDir");
        if (override != null && !override.isBlank()) {
            return Path.of(override, "desktop.json");
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") && System.getenv("APPDATA") != null) {
            return Path.of(System.getenv("APPDATA"), "Relaypool", "desktop.json");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Relaypool", "desktop.json");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return Path.of(xdg != null && !xdg.isBlank() ? xdg : home + "/.config", "relaypool", "desktop.json");
    }

    public synchronized DesktopPrefs get() {
        return current;
    }

    public synchronized DesktopPrefs update(UnaryOperator<DesktopPrefs> change) {
        current = change.apply(current);
        write(current);
        return current;
    }

    private DesktopPrefs read() {
        if (file == null || !Files.exists(file)) {
            return DesktopPrefs.DEFAULT;
        }
        try {
            return mapper.readValue(file.toFile(), DesktopPrefs.class);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("ignoring unreadable settings file {}: {}", file, e.toString());
            return DesktopPrefs.DEFAULT;
        }
    }

    private void write(DesktopPrefs prefs) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            mapper.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), prefs);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not save settings to {}: {}", file, e.toString()); // losing window size is no reason to fail
        }
    }
}
