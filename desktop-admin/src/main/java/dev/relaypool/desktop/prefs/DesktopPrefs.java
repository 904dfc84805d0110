package dev.relaypool.desktop.prefs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the app remembers between runs. Deliberately no passwords or tokens: a stolen config file
 * gives away server addresses and email addresses, nothing more.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DesktopPrefs(
        WindowBounds window,
        String lastScreen,
        Theme theme,
        List<ServerProfile> profiles,
        String selectedProfile) {
    public static final DesktopPrefs DEFAULT = new DesktopPrefs(WindowBounds.DEFAULT, "DASHBOARD", Theme.LIGHT, List.of(), "");

    public DesktopPrefs {
        window = window == null ? WindowBounds.DEFAULT : window;
        lastScreen = lastScreen == null ? "DASHBOARD" : lastScreen;
        theme = theme == null ? Theme.LIGHT : theme;
        profiles = profiles == null ? List.of() : List.copyOf(profiles.stream().filter(Objects::nonNull).toList());
        selectedProfile = selectedProfile == null ? "" : selectedProfile;
    }

    public DesktopPrefs withWindow(WindowBounds bounds) {
        return new DesktopPrefs(bounds, lastScreen, theme, profiles, selectedProfile);
    }

    public DesktopPrefs withLastScreen(String screen) {
        return new DesktopPrefs(window, screen, theme, profiles, selectedProfile);
    }

    public DesktopPrefs withTheme(Theme chosen) {
        return new DesktopPrefs(window, lastScreen, chosen, profiles, selectedProfile);
    }

    public DesktopPrefs withProfiles(List<ServerProfile> saved, String selected) {
        return new DesktopPrefs(window, lastScreen, theme, saved, selected);
    }

    /** Replaces the profile named {@code previousName} (or adds it) and selects it. */
    public DesktopPrefs withProfile(String previousName, ServerProfile profile) {
        List<ServerProfile> saved = new ArrayList<>(profiles);
        int at = indexOf(saved, previousName);
        if (at < 0) {
            at = indexOf(saved, profile.name());
        }
        if (at >= 0) {
            saved.set(at, profile);
        } else {
            saved.add(profile);
        }
        return withProfiles(saved, profile.name());
    }

    private static int indexOf(List<ServerProfile> saved, String name) {
        for (int i = 0; i < saved.size(); i++) {
            if (saved.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
