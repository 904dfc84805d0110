package dev.relaypool.server.members;

import dev.relaypool.server.api.Route;
import dev.relaypool.server.keys.ApiKeys;
import dev.relaypool.server.storage.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Front door of the member resources ({@code /api/v1/keys}, {@code /usage}, {@code /balance}, {@code /redeem}):
 * every route works on the signed-in user's own data only.
 */
public final class MemberModule {
    private final List<Route<?>> routes;

    public MemberModule(Database database, ApiKeys keys, Clock clock) {
        List<Route<?>> all = new ArrayList<>();
        all.addAll(new KeyRoutes(new KeyBook(database, keys, clock)).routes());
        all.addAll(new UsageRoutes(new UsageReports(database), clock).routes());
        all.addAll(new BalanceRoutes(database, clock).routes());
        this.routes = List.copyOf(all);
    }

    public List<Route<?>> routes() {
        return routes;
    }
}
