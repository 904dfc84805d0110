package dev.relaypool.model.admin;

import java.util.List;

/** What an account import did: created accounts, and the items skipped with a reason each. */
public record ImportResult(int created, int skipped, List<String> messages) {
    public ImportResult {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
