package dev.relaypool.server.accounts;

import java.util.List;
import java.util.Optional;

/** The scheduler's read-only view of the accounts snapshot; {@link Accounts} is the real one, tests hold a list. */
public interface SchedulableAccounts {
    /** The group's active, schedulable accounts, best priority first; never null. */
    List<PooledAccount> schedulable(long groupId);

    /** A schedulable account by id, in whichever group; empty when it is not schedulable (or unknown). */
    Optional<PooledAccount> schedulableAccount(long accountId);
}
