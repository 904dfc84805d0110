package dev.relaypool.model.auth;

/** {@code POST /api/v1/admin/api-keys}: a name saying what automation the key is for. */
public record ApiKeyCreateRequest(String name) {
    public ApiKeyCreateRequest {
        Checks.required(name, "name");
        name = name.strip();
        if (name.length() > 100) {
            throw new IllegalArgumentException("name must be at most 100 characters");
        }
    }
}
