/**
 * Bodies of the member REST API ({@code /api/v1/keys}, {@code /api/v1/usage}, {@code /api/v1/balance}, ...),
 * some reused by the admin API (keys and usage records of any user).
 */
package dev.relaypool.model.member;
