package dev.relaypool.server.admin;

/** CSV lines (RFC 4180 quoting), with cells that a spreadsheet would run as a formula defused. */
final class Csv {
    private Csv() {}

    static String row(Object... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells[i]));
        }
        return line.append('\n').toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof java.time.OffsetDateTime t ? t.toInstant().toString() : value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
