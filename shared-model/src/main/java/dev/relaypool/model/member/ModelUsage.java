package dev.relaypool.model.member;

import java.math.BigDecimal;
import java.util.Objects;

/** Usage of one model over a period ({@code GET /usage/models}, {@code GET /admin/usage/models}). */
public record ModelUsage(String model, long requests, long inputTokens, long outputTokens, long cacheWriteTokens,
                         long cacheReadTokens, BigDecimal cost) {
    public ModelUsage {
        model = model == null ? "" : model;
        Objects.requireNonNull(cost, "cost");
    }
}
