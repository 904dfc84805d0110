package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.model.admin.UserUsage;
import dev.relaypool.server.members.UsageFilter;
import dev.relaypool.server.members.UsageReports;
import dev.relaypool.server.storage.Database;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Usage per member over a filter, costliest first: the admin usage screen's per-user breakdown. */
final class UsageByUser {
    private static final int LIMIT = 200;
    private final Database database;

    UsageByUser(Database database) {
        this.database = database;
    }

    List<UserUsage> report(UsageFilter filter) {
        Field<BigDecimal> cost = UsageReports.money(USAGE_LOG.ACTUAL_COST);
        Field<Long> cacheWrite = USAGE_LOG.CACHE_WRITE_5M_TOKENS.plus(USAGE_LOG.CACHE_WRITE_1H_TOKENS);
        return database.dsl().select(USAGE_LOG.USER_ID, USERS.EMAIL, DSL.count(), UsageReports.sum(USAGE_LOG.INPUT_TOKENS),
                        UsageReports.sum(USAGE_LOG.OUTPUT_TOKENS), UsageReports.sum(cacheWrite),
                        UsageReports.sum(USAGE_LOG.CACHE_READ_TOKENS), cost)
                .from(USAGE_LOG).leftJoin(USERS).on(USERS.ID.eq(USAGE_LOG.USER_ID))
                .where(filter.condition()).groupBy(USAGE_LOG.USER_ID, USERS.EMAIL)
                .orderBy(cost.desc(), DSL.count().desc()).limit(LIMIT)
                .fetch(r -> new UserUsage(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8()));
    }
}
