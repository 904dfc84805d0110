/** Bodies of the authentication, session and account-security endpoints ({@code /api/v1/auth/**}, {@code /api/v1/me/**}). */
package dev.relaypool.model.auth;
