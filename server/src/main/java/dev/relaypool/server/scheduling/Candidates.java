package dev.relaypool.server.scheduling;

import dev.relaypool.server.accounts.PooledAccount;
import dev.relaypool.server.coordination.Cooldown;
import dev.relaypool.server.coordination.Cooldowns;
import dev.relaypool.server.gateway.KeyContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts that may serve one attempt: group (the snapshot holds only active, schedulable accounts) ∩ the key's
 * platform ∩ serving the model (longest mapping match, allow-list) − cooling down − already tried by this request.
 * Also what the refusal needs when there is none: whether any account serves the model, and the cooldown that ends
 * first — tried accounts included, so that a request whose only account just failed can say when to come back.
 */
record Candidates(List<Match> matches, boolean anyServesModel, Optional<Cooldown> soonestRecovery) {
    record Match(PooledAccount account, String upstreamModel) {}

    static Candidates find(List<PooledAccount> group, KeyContext key, String requestedModel, Set<Long> tried,
                           Cooldowns cooldowns, Instant now) {
        List<Match> matches = new ArrayList<>();
        Cooldown soonest = null;
        boolean anyServesModel = false;
        for (PooledAccount account : group) {
            if (account.upstream().platform() != key.platform()) {
                continue;
            }
            Optional<String> upstreamModel = account.modelMapping().upstreamModel(requestedModel);
            if (upstreamModel.isEmpty()) {
                continue;
            }
            anyServesModel = true;
            Optional<Cooldown> cooling = cooldowns.get(account.id());
            if (cooling.isPresent() && cooling.get().until().isAfter(now)) {
                soonest = soonest == null || cooling.get().until().isBefore(soonest.until()) ? cooling.get() : soonest;
                continue;
            }
            if (!tried.contains(account.id())) {
                matches.add(new Match(account, upstreamModel.get()));
            }
        }
        return new Candidates(List.copyOf(matches), anyServesModel, Optional.ofNullable(soonest));
    }
}
