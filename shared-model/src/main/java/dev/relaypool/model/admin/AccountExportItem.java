package dev.relaypool.model.admin;

import dev.relaypool.model.Platform;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One account in an export; {@code apiKey} is null unless secrets were exported. Groups are named, not numbered. */
public record AccountExportItem(String name, Platform platform, String type, String baseUrl, String apiKey,
                                Integer concurrencyLimit, Integer priority, Map<String, String> modelMapping,
                                String notes, List<String> groupNames) {
    public AccountExportItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        type = type == null ? "api_key" : type;
        modelMapping = modelMapping == null ? Map.of() : Map.copyOf(modelMapping);
        notes = notes == null ? "" : notes;
        groupNames = groupNames == null ? List.of() : List.copyOf(groupNames);
    }

    @Override
    public String toString() {
        return "AccountExportItem[name=" + name + ", platform=" + platform + "]";
    }
}
