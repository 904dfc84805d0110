package dev.relaypool.server.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition read back into samples, for assertions: {@code value("x_total", "a", "1")}. */
record Exposition(String text, Map<String, Double> samples) {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static Exposition parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.put(key(m.group(1), labels), Double.parseDouble(m.group(4)));
        }
        return new Exposition(text, samples);
    }

    /** The sample with exactly these labels (name, value pairs), if exposed. */
    Optional<Double> find(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return Optional.ofNullable(samples.get(key(name, wanted)));
    }

    double value(String name, String... labels) {
        return find(name, labels).orElseThrow(() -> new AssertionError("no sample " + name + " "
                + String.join(",", labels) + " in:\n" + text));
    }

    /** How many samples of {@code name} exist, whatever their labels. */
    long count(String name) {
        return samples.keySet().stream().filter(k -> k.equals(name) || k.startsWith(name + "{")).count();
    }

    private static String key(String name, Map<String, String> labels) {
        return labels.isEmpty() ? name : name + labels;
    }
}
