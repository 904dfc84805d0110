package dev.relaypool.model.admin;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/accounts/export} and the body of {@code POST /admin/accounts/import}. Secrets are included
 * only with {@code ?includeSecrets=true&confirm=EXPORT-SECRETS}; {@code includesSecrets} says which it is.
 */
public record AccountExport(Integer version, Instant exportedAt, Boolean includesSecrets,
                            List<AccountExportItem> accounts) {
    public static final int VERSION = 1;

    public AccountExport {
        version = version == null ? VERSION : version;
        includesSecrets = includesSecrets != null && includesSecrets;
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }
}
