package dev.relaypool.server.accounts.oauth;

import dev.relaypool.model.Platform;
import dev.relaypool.server.accounts.AccountCredentials;
import dev.relaypool.server.accounts.Accounts;
import dev.relaypool.server.accounts.ModelMapping;
import dev.relaypool.server.accounts.NewAccount;
import dev.relaypool.server.accounts.SaveResult;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adding OAuth accounts: the authorisation-code flow with PKCE where the operator opens the authorise URL, signs in,
 * and pastes back the code the redirect page shows (any node may finish a flow another started), and the import of
 * tokens obtained elsewhere. The OAuth client (id, URLs, scopes, redirect) is always the operator's own registration.
 */
public final class OAuthFlows {
    static final Duration FLOW_LIFETIME = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(OAuthFlows.class);

    private final RelaypoolConfig.OAuth config;
    private final Accounts accounts;
    private final PendingFlows pending;
    private final TokenEndpoint tokens;
    private final UpstreamAddressPolicy addresses;
    private final SecureRandom random;
    private final Clock clock;

    OAuthFlows(RelaypoolConfig.OAuth config, Accounts accounts, PendingFlows pending, TokenEndpoint tokens,
               UpstreamAddressPolicy addresses, SecureRandom random, Clock clock) {
        this.config = config;
        this.accounts = accounts;
        this.pending = pending;
        this.tokens = tokens;
        this.addresses = addresses;
        this.random = random;
        this.clock = clock;
    }

    public FlowStart start(OAuthDraft draft) {
        RelaypoolConfig.OAuthClient client = config.client(draft.platform());
        if (!client.configured()) {
            String prefix = "oauth." + draft.platform().wireName();
            return new FlowStart.Refused("OAuth sign-in for " + draft.platform().wireName() + " needs your own OAuth client: set "
                    + prefix + ".client-id and " + prefix + ".redirect-uri");
        }
        if (draft.baseUrl().isPresent()
                && addresses.checkBaseUrl(draft.baseUrl().get()) instanceof UpstreamAddressPolicy.Verdict.Refused r) {
            return new FlowStart.Refused("base URL refused: " + r.reason());
        }
        Pkce pkce = Pkce.generate(random);
        String state = Pkce.randomToken(random);
        Instant expiresAt = clock.instant().plus(FLOW_LIFETIME);
        pending.put(state, new PendingFlows.Pending(draft, pkce.verifier(), expiresAt), FLOW_LIFETIME);
        return new FlowStart.Started(authorizeUrl(draft.platform(), client, pkce, state), state, expiresAt);
    }

    static URI authorizeUrl(Platform platform, RelaypoolConfig.OAuthClient client, Pkce pkce, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", client.clientId());
        params.put("redirect_uri", client.redirectUri().orElseThrow().toString());
        params.put("scope", String.join(" ", client.scopes()));
        params.put("state", state);
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        if (platform == Platform.GEMINI) {
            params.put("access_type", "offline"); // Google issues a refresh token only when asked
            params.put("prompt", "consent");
        }
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        String base = client.authorizeUrl().toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    /**
     * Exchanges the pasted code. {@code state} is the one {@link #start} returned, when the caller kept it; otherwise
     * it must be part of the pasted text ({@code code#state} or the redirect URL).
     */
    public FlowFinish finish(Optional<String> state, String pasted) {
        PastedCode code;
        switch (PastedCode.parse(pasted)) {
            case PastedCode.Parsed.Invalid invalid -> {
                return new FlowFinish.Refused(invalid.reason());
            }
            case PastedCode.Parsed.Ok ok -> code = ok.pasted();
        }
        if (state.isPresent() && code.state().isPresent() && !state.get().equals(code.state().get())) {
            return new FlowFinish.Refused("the pasted code belongs to another sign-in (state mismatch)");
        }
        Optional<String> flowState = state.or(code::state).filter(s -> s.matches("[A-Za-z0-9_-]{16,128}"));
        if (flowState.isEmpty()) {
            return new FlowFinish.Refused("the sign-in is unknown: paste the whole code#state or the redirect URL");
        }
        Optional<PendingFlows.Pending> flow = pending.take(flowState.get());
        if (flow.isEmpty() || flow.get().expiresAt().isBefore(clock.instant())) {
            return new FlowFinish.Refused("the sign-in is unknown, already finished or expired (10 minutes): start again");
        }
        OAuthDraft draft = flow.get().draft();
        TokenResponse response = tokens.exchangeCode(draft.platform(), config.client(draft.platform()), code.code(),
                flow.get().verifier(), flowState.get(), Optional.empty());
        return switch (response) {
            case TokenResponse.Issued issued -> save(draft, new AccountCredentials.OAuth(issued.accessToken(),
                    issued.refreshToken().orElse(null), issued.expiresIn().map(clock.instant()::plus).orElse(null)));
            case TokenResponse.Rejected rejected -> new FlowFinish.Refused("the provider refused the code: "
                    + rejected.error() + (rejected.description().isBlank() ? "" : " (" + rejected.description() + ")"));
            case TokenResponse.Unavailable unavailable -> new FlowFinish.Refused(unavailable.reason() + "; start again");
        };
    }

    /** Imports tokens obtained elsewhere (access, refresh, expiry) as a new OAuth account or a re-authorisation. */
    public FlowFinish importTokens(OAuthDraft draft, String accessToken, Optional<String> refreshToken,
                                   Optional<Instant> expiresAt) {
        AccountCredentials.OAuth credentials;
        try {
            credentials = new AccountCredentials.OAuth(accessToken, refreshToken.orElse(null), expiresAt.orElse(null));
            new dev.relaypool.server.gateway.UpstreamCredential.OAuthBearer(accessToken); // header-safe?
        } catch (IllegalArgumentException | NullPointerException e) {
            return new FlowFinish.Refused("the access token must be non-blank printable ASCII without spaces");
        }
        return save(draft, credentials);
    }

    private FlowFinish save(OAuthDraft draft, AccountCredentials.OAuth credentials) {
        if (draft.existingAccountId().isPresent()) {
            long id = draft.existingAccountId().get();
            accounts.reactivate(id, credentials);
            log.info("OAuth account {} re-authorised", id);
            return new FlowFinish.Connected(id);
        }
        NewAccount account = new NewAccount(draft.name(), draft.platform(), credentials, draft.baseUrl(),
                draft.proxyId(), 3, 50, ModelMapping.ALLOW_ALL);
        return switch (accounts.add(account)) {
            case SaveResult.Saved saved -> {
                log.info("OAuth account {} ({}) connected", saved.id(), draft.platform().wireName());
                yield new FlowFinish.Connected(saved.id());
            }
            case SaveResult.Refused refused -> new FlowFinish.Refused(refused.reason());
        };
    }
}
