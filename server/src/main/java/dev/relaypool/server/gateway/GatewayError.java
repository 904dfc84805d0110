package dev.relaypool.server.gateway;

/**
 * Every way a gateway request can end in an error, with the HTTP status and whether a client should retry.
 * Each protocol renders these in its own envelope ({@link Dialect}); only the wording of the envelope differs.
 */
public enum GatewayError {
    MISSING_KEY(401, false, Category.AUTHENTICATION, "No API key was given. Send it as x-api-key or Authorization: Bearer."),
    UNKNOWN_KEY(401, false, Category.AUTHENTICATION, "Invalid API key."),
    KEY_DISABLED(403, false, Category.PERMISSION, "This API key is disabled."),
    KEY_EXPIRED(403, false, Category.PERMISSION, "This API key has expired."),
    ADDRESS_NOT_ALLOWED(403, false, Category.PERMISSION, "This API key may not be used from this address."),
    TOO_MANY_INVALID_KEYS(429, true, Category.RATE_LIMIT, "Too many invalid API keys from this address; retry later."),
    WRONG_PLATFORM(403, false, Category.PERMISSION, "This API key does not serve this API."),
    QUOTA_EXCEEDED(429, false, Category.RATE_LIMIT, "Quota exceeded."),
    INSUFFICIENT_BALANCE(402, false, Category.PERMISSION, "Insufficient balance."),
    SUBSCRIPTION_REQUIRED(403, false, Category.PERMISSION, "No active subscription."),
    MODEL_NOT_PRICED(403, false, Category.PERMISSION, "The model has no price on this relay."),
    SPENDING_LIMIT(429, true, Category.RATE_LIMIT, "A spending limit is reached."),
    RATE_LIMITED(429, true, Category.RATE_LIMIT, "A rate limit is reached."),
    CONCURRENCY_LIMITED(429, true, Category.RATE_LIMIT, "Too many requests at a time."),
    BILLING_UNAVAILABLE(503, true, Category.UNAVAILABLE, "Billing is unavailable; retry shortly."),
    MALFORMED_JSON(400, false, Category.INVALID_REQUEST, "The request body is not valid JSON."),
    MISSING_MODEL(400, false, Category.INVALID_REQUEST, "The request names no model."),
    INVALID_MODEL(400, false, Category.INVALID_REQUEST, "The model name is not valid."),
    BODY_TOO_LARGE(413, false, Category.TOO_LARGE, "The request body is too large."),
    BODY_TIMEOUT(408, false, Category.TIMEOUT, "The request body did not arrive in time."),
    NOT_FOUND(404, false, Category.NOT_FOUND, "Not found."),
    METHOD_NOT_ALLOWED(405, false, Category.INVALID_REQUEST, "Method not allowed."),
    MODEL_NOT_AVAILABLE(404, false, Category.NOT_FOUND, "The model is not available for this API key."),
    /** The shared store that holds account slots and session bindings (Redis) cannot be reached. */
    SCHEDULING_UNAVAILABLE(503, true, Category.UNAVAILABLE, "Upstream accounts cannot be scheduled right now; retry shortly."),
    NO_ACCOUNT_AVAILABLE(503, true, Category.UNAVAILABLE, "No upstream account is available right now; retry shortly."),
    ACCOUNTS_BUSY(429, true, Category.RATE_LIMIT, "Every upstream account is busy; retry shortly."),
    UPSTREAM_RATE_LIMITED(429, true, Category.RATE_LIMIT, "The upstream provider is rate limiting; retry shortly."),
    UPSTREAM_OVERLOADED(529, true, Category.OVERLOADED, "The upstream provider is overloaded; retry shortly."),
    UPSTREAM_UNAVAILABLE(503, true, Category.UNAVAILABLE, "The upstream provider is unavailable; retry shortly."),
    UPSTREAM_TIMEOUT(504, true, Category.TIMEOUT, "The upstream provider did not answer in time."),
    /** A 4xx answer of the provider that could only be told in-band (keep-alive pings had opened the stream). */
    UPSTREAM_REJECTED(400, false, Category.INVALID_REQUEST, "The upstream provider rejected the request."),
    STREAM_INTERRUPTED(502, true, Category.UNAVAILABLE, "The upstream stream was interrupted; the answer is incomplete."),
    INTERNAL(500, true, Category.INTERNAL, "Internal relay error.");

    /** The protocol-neutral kind of error, which each envelope maps to its own type name. */
    public enum Category {
        INVALID_REQUEST, AUTHENTICATION, PERMISSION, NOT_FOUND, TOO_LARGE, RATE_LIMIT, OVERLOADED, UNAVAILABLE,
        TIMEOUT, INTERNAL
    }

    private final int status;
    private final boolean retryable;
    private final Category category;
    private final String defaultMessage;

    GatewayError(int status, boolean retryable, Category category, String defaultMessage) {
        this.status = status;
        this.retryable = retryable;
        this.category = category;
        this.defaultMessage = defaultMessage;
    }

    public int status() { return status; }

    public boolean retryable() { return retryable; }

    public Category category() { return category; }

    public String defaultMessage() { return defaultMessage; }

    /** The machine-readable code put into envelopes that carry one, e.g. {@code upstream_rate_limited}. */
    public String code() { return name().toLowerCase(java.util.Locale.ROOT); }
}
