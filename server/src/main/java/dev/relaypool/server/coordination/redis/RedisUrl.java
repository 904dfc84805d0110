package dev.relaypool.server.coordination.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** {@code redis://[user:password@]host[:port][/database]}, {@code rediss://} for TLS; user and password may be empty. */
record RedisUrl(String host, int port, boolean tls, String user, String password, int database) {

    static RedisUrl parse(URI url) {
        String user = "";
        String password = "";
        String userInfo = url.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = colon < 0 ? "" : decode(userInfo.substring(0, colon));
            password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        }
        String path = url.getPath();
        int database = path != null && path.length() > 1 ? Integer.parseInt(path.substring(1)) : 0;
        return new RedisUrl(url.getHost(), url.getPort() > 0 ? url.getPort() : 6379,
                "rediss".equalsIgnoreCase(url.getScheme()), user, password, database);
    }

    /** The address without credentials, as Redisson takes it. */
    String address() {
        return (tls ? "rediss" : "redis") + "://" + host + ":" + port;
    }

    @Override
    public String toString() { // never the password
        return host + ":" + port;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8); // "+" is literal in a URI
    }
}
