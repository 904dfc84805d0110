package dev.relaypool.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds the one {@link RelaypoolConfig}: defaults, then the YAML file (optional), then {@code RELAYPOOL_*}
 * environment variables. Unknown YAML keys are refused so that a typo is not silently ignored.
 */
public final class ConfigLoader {
    public static final String CONFIG_PATH_VARIABLE = "RELAYPOOL_CONFIG";

    private ConfigLoader() {}

    /** Loads from {@code RELAYPOOL_CONFIG} or {@code ./config.yaml} (absent is fine) and the given environment. */
    public static RelaypoolConfig load(Map<String, String> environment) {
        String explicit = environment.get(CONFIG_PATH_VARIABLE);
        Path file = Path.of(explicit == null || explicit.isBlank() ? "config.yaml" : explicit);
        if (explicit != null && !explicit.isBlank() && !Files.isRegularFile(file)) {
            throw new ConfigException(CONFIG_PATH_VARIABLE + ": no configuration file at " + file.toAbsolutePath());
        }
        return load(Files.isRegularFile(file) ? file : null, environment);
    }

    public static RelaypoolConfig load(Path yamlFile, Map<String, String> environment) {
        Map<ConfigOption, String> values = new EnumMap<>(ConfigOption.class);
        for (ConfigOption option : ConfigOption.values()) {
            values.put(option, option.defaultValue());
        }
        if (yamlFile != null) {
            readYaml(yamlFile, values);
        }
        for (ConfigOption option : ConfigOption.values()) {
            String fromEnv = environment.get(option.environmentVariable());
            if (fromEnv != null) {
                values.put(option, fromEnv.trim());
            }
        }
        return RelaypoolConfig.from(values);
    }

    private static void readYaml(Path file, Map<ConfigOption, String> values) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        flatten("", root, file, values);
    }

    private static void flatten(String prefix, JsonNode node, Path file, Map<ConfigOption, String> values) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), file, values);
            }
            return;
        }
        ConfigOption option = ConfigOption.byKey(prefix)
                .orElseThrow(() -> new ConfigException(file + ": unknown option '" + prefix + "'"));
        String value;
        if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(item -> joined.append(joined.isEmpty() ? "" : ",").append(item.asText()));
            value = joined.toString();
        } else {
            value = node.isNull() ? "" : node.asText();
        }
        values.put(option, value.trim());
    }
}
