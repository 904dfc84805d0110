/**
 * Bodies of the admin REST API ({@code /api/v1/admin/...}). Conventions: in update requests a {@code null} field
 * means "unchanged"; for optional limits {@code 0} means "no limit". Secrets (upstream API keys, proxy passwords)
 * appear only in requests, never in an answer.
 */
package dev.relaypool.model.admin;
