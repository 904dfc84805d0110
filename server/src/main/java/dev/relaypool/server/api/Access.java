package dev.relaypool.server.api;

/** Who may call a route; declared once per route in the route table and checked in one place ({@link ApiHandler}). */
public enum Access {
    /** No credentials needed (login, refresh, register, the OpenAPI document). */
    ANONYMOUS,
    /** Any signed-in user (member or admin). */
    MEMBER,
    /** An admin user, or an admin API key. */
    ADMIN
}
