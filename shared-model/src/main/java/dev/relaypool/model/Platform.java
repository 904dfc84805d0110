package dev.relaypool.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The upstream provider family a group, an account and a request belong to. */
public enum Platform {
    ANTHROPIC, OPENAI, GEMINI;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Platform fromWire(String value) {
        for (Platform p : values()) {
            if (p.wireName().equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown platform '" + value + "' (anthropic, openai or gemini)");
    }
}
