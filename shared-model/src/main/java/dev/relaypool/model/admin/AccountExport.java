package dev.relaypool.model.admin;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/accounts/export} and the body of {@code POST /admin/accounts/import}. Secrets are included
 * only with {@code ?includeSecrets=true&confirm=EXPORT-SECRETS}; {@code includesSecrets} says which it is.
 */
public record AccountExport(int version, Instant exportedAt, boolean includesSecrets, List<AccountExportItem> accounts) {
    public static final int VERSION = 1;

    public AccountExport {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }
}
