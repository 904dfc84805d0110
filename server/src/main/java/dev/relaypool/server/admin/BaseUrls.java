package dev.relaypool.server.admin;

import dev.relaypool.server.members.Problems;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import dev.relaypool.server.net.UpstreamAddressPolicy.Verdict;

/**
 * Checks an admin-supplied account base URL with the one upstream address policy (the same that guards every
 * connection), so the API refuses with a 400 what the relay would refuse to connect to anyway.
 */
final class BaseUrls {
    private BaseUrls() {}

    /** The URL stripped and without a trailing slash; a 400 naming the reason when the policy refuses it. */
    static String check(UpstreamAddressPolicy policy, String baseUrl) {
        String url = baseUrl.strip();
        return switch (policy.checkBaseUrl(url)) {
            case Verdict.Allowed allowed -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            case Verdict.Refused refused -> throw Problems.badRequest("baseUrl refused: " + refused.reason());
        };
    }
}
