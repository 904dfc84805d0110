package dev.relaypool.server.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.relaypool.server.usage.UsageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One journal line: eight hex digits of the CRC-32C of the JSON, a space, the JSON of a {@link UsageRecord}, a
 * newline. The CRC tells a record cut short by a crash (or any other damage) from a complete one.
 */
final class JournalCodec {
    private static final int CRC_HEX = 8;
    private static final ObjectMapper JSON = dev.relaypool.server.api.Json.mapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JournalCodec() {}

    static byte[] encode(UsageRecord record) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("usage record cannot be written as JSON", e);
        }
        byte[] crc = HexFormat.of().toHexDigits((int) crc(json, 0, json.length)).getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[CRC_HEX + 1 + json.length + 1];
        System.arraycopy(crc, 0, line, 0, CRC_HEX);
        line[CRC_HEX] = ' ';
        System.arraycopy(json, 0, line, CRC_HEX + 1, json.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /** The record in {@code bytes[from, to)} (a line without its newline), or empty when torn or damaged. */
    static Optional<UsageRecord> decode(byte[] bytes, int from, int to) {
        int jsonFrom = from + CRC_HEX + 1;
        if (to - from <= CRC_HEX + 1 || bytes[from + CRC_HEX] != ' ') {
            return Optional.empty();
        }
        long expected;
        try {
            expected = HexFormat.fromHexDigits(new String(bytes, from, CRC_HEX, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if ((int) expected != (int) crc(bytes, jsonFrom, to - jsonFrom)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(bytes, jsonFrom, to - jsonFrom, UsageRecord.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // CRC matched but the content is not a record: written by a different version
        }
    }

    static byte[] encodeId(String requestId) {
        try {
            return (JSON.writeValueAsString(requestId) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<String> decodeId(String line) {
        try {
            return Optional.ofNullable(JSON.readValue(line, String.class));
        } catch (IOException e) {
            return Optional.empty(); // a torn last line of a settled-ids file: that record is simply replayed again
        }
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
