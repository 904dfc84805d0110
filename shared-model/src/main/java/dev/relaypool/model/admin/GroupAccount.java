package dev.relaypool.model.admin;

import java.util.Objects;

/** An account in a group, with its priority there (lower is tried first). */
public record GroupAccount(long accountId, String name, String status, int priority) {
    public GroupAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }
}
