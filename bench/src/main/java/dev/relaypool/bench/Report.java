package dev.relaypool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as a Markdown table: printed, and written to a file with the date, machine and load noted. */
final class Report {
    /** One line: what, direct, relay, the relay's cost (added or ratio), the target and whether it is met. */
    record Row(String scenario, String metric, String direct, String relay, String cost, String target, String met) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String scenario, String metric, String direct, String relay, String cost, String target, Boolean met) {
        rows.add(new Row(scenario, metric, direct, relay, cost, target, met == null ? "" : met ? "yes" : "**no**"));
        System.out.printf("  %-14s %-34s direct %-12s relay %-12s %-16s%n", scenario, metric, direct, relay, cost);
    }

    void note(String note) {
        notes.add(note);
        System.out.println("  note: " + note);
    }

    /** Whether some row counting errors found any: then the relay's log is worth keeping. */
    boolean sawErrors() {
        return rows.stream().anyMatch(row -> row.metric().contains("errors") && row.met().equals("**no**"));
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.3f ms", millis);
    }

    /** A difference with its sign: "+0.120 ms", "-0.050 ms". */
    static String added(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%+.3f ms", millis);
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    String markdown(String heading) {
        StringBuilder md = new StringBuilder(heading).append("\n\n");
        md.append("| scenario | metric | direct | relay | relay's cost | target | met |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(String.join(" | ", row.scenario(), row.metric(), row.direct(), row.relay(),
                    row.cost(), row.target(), row.met())).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    void write(Path file, String heading) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, markdown(heading));
    }
}
