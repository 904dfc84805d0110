package dev.relaypool.server.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * An insert of many rows in one statement whose text never changes: the rows go in as one array per column
 * ({@code unnest}), every value as text, cast to the column's type. The statement is prepared once per connection,
 * has one parameter per column whatever the number of rows, and nothing is rendered per row (a row-by-row insert
 * rendered by jOOQ took a fifth of the relay's CPU at full load; docs/performance.md). Money and times cross as
 * exact decimal and ISO-8601 text; a null value stays null.
 */
public final class UnnestInsert {
    /** Reads the rows of a {@code RETURNING} clause. */
    @FunctionalInterface
    public interface Returning<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private final String sql;
    private final int columns;

    /**
     * {@code columns}: each column's name with the SQL type its array is cast to, in the order of each row's values;
     * {@code tail}: what follows the {@code SELECT} (an {@code ON CONFLICT} or {@code RETURNING} clause), or empty.
     */
    public UnnestInsert(String table, List<Map.Entry<String, String>> columns, String tail) {
        this.columns = columns.size();
        this.sql = "INSERT INTO " + table + " (" + String.join(", ", columns.stream().map(Map.Entry::getKey).toList())
                + ") SELECT * FROM unnest(" + String.join(", ", columns.stream().map(c -> "?::" + c.getValue() + "[]")
                .toList()) + ")" + (tail.isEmpty() ? "" : " " + tail);
    }

    /** A time as the JDBC driver would send it: ISO-8601 in UTC, rounded half up to the microsecond. */
    public static String timestamptz(java.time.Instant instant) {
        return instant.plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                .atOffset(java.time.ZoneOffset.UTC).toString();
    }

    /** Inserts {@code rows} (each row's values in column order); returns how many rows were inserted. */
    public int execute(DSLContext db, List<String[]> rows) {
        return db.connectionResult(connection -> {
            try (PreparedStatement statement = prepare(connection, rows)) {
                return statement.executeUpdate();
            }
        });
    }

    /** Inserts {@code rows} and reads what the statement's {@code RETURNING} clause gives back. */
    public <T> T query(DSLContext db, List<String[]> rows, Returning<T> returning) {
        return db.connectionResult(connection -> {
            try (PreparedStatement statement = prepare(connection, rows); ResultSet result = statement.executeQuery()) {
                return returning.read(result);
            }
        });
    }

    private PreparedStatement prepare(java.sql.Connection connection, List<String[]> rows) throws SQLException {
        String[][] byColumn = new String[columns][rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            String[] values = rows.get(row);
            if (values.length != columns) {
                throw new IllegalArgumentException("a row has " + values.length + " values for " + columns + " columns");
            }
            for (int column = 0; column < columns; column++) {
                byColumn[column][row] = values[column];
            }
        }
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int column = 0; column < columns; column++) {
                statement.setArray(column + 1, connection.createArrayOf("text", byColumn[column]));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
