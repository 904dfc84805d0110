package dev.relaypool.model.member;

/** {@code PATCH /keys/{id}}: a new name. */
public record KeyRenameRequest(String name) {
    public KeyRenameRequest {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        name = name.strip();
        if (name.length() > 100) {
            throw new IllegalArgumentException("name must be at most 100 characters");
        }
    }
}
