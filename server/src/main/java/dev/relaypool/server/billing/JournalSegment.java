package dev.relaypool.server.billing;

import dev.relaypool.server.usage.UsageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One journal file ({@code segment-N.log}) and its sidecar of settled request ids ({@code segment-N.settled}).
 * The set of pending ids is guarded by the journal's state lock.
 */
final class JournalSegment {
    private static final Pattern NAME = Pattern.compile("segment-(\\d{16})\\.log");

    final long sequence;
    final Path data;
    final Path settled;
    final Set<String> pending = new HashSet<>();
    /** The segment the journal is appending to; never deleted while current. */
    boolean current;

    JournalSegment(Path dir, long sequence) {
        this.sequence = sequence;
        this.data = dir.resolve("segment-%016d.log".formatted(sequence));
        this.settled = dir.resolve("segment-%016d.settled".formatted(sequence));
    }

    static Optional<Long> sequenceOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /** The records this segment holds on disk; lines that fail their CRC (a torn tail) are counted, not returned. */
    Contents read() throws IOException {
        byte[] bytes = Files.exists(data) ? Files.readAllBytes(data) : new byte[0];
        List<UsageRecord> records = new ArrayList<>();
        int damaged = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            Optional<UsageRecord> record = JournalCodec.decode(bytes, start, end);
            if (record.isPresent()) {
                records.add(record.get());
            } else if (end > start) {
                damaged++;
            }
            start = end + 1;
        }
        return new Contents(records, damaged);
    }

    Set<String> readSettledIds() throws IOException {
        Set<String> ids = new HashSet<>();
        if (Files.exists(settled)) {
            for (String line : Files.readAllLines(settled, StandardCharsets.UTF_8)) {
                JournalCodec.decodeId(line).ifPresent(ids::add);
            }
        }
        return ids;
    }

    void delete() throws IOException {
        Files.deleteIfExists(data);
        Files.deleteIfExists(settled);
    }

    record Contents(List<UsageRecord> records, int damagedLines) {}
}
