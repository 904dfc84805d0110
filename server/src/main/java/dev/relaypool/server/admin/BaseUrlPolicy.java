package dev.relaypool.server.admin;

import dev.relaypool.server.members.Problems;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Which custom upstream base URLs an admin may set (security.allow-http-upstreams, allow-private-upstreams): by
 * default https only, and never an address of this host or its private networks, so an account cannot be aimed
 * at internal services.
 */
public record BaseUrlPolicy(boolean allowHttp, boolean allowPrivate) {

    /** The URL without a trailing slash; refuses what the policy forbids (400). */
    String check(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("baseUrl is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("https") || (allowHttp && scheme.equals("http"))) || uri.getHost() == null) {
            throw Problems.badRequest(allowHttp ? "baseUrl must be an http(s) URL" : "baseUrl must be an https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
            throw Problems.badRequest("baseUrl must not carry credentials or a query");
        }
        if (!allowPrivate) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                            || address.isAnyLocalAddress() || address.isMulticastAddress()
                            || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc)) {
                        throw Problems.badRequest("baseUrl points at a private or local address");
                    }
                }
            } catch (UnknownHostException e) {
                throw Problems.badRequest("baseUrl's host does not resolve");
            }
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
