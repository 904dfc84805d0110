package dev.relaypool.server.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Files of the class path, read once and kept in memory with their content type and a strong ETag. Only files that
 * exist are cached, so the cache is bounded by what the jar holds however many unknown paths are asked for.
 */
final class StaticResources {
    /** A served file; {@code etag} is quoted, ready for the header. */
    record File(byte[] bytes, String contentType, String etag) {}

    /** Lower-case letters, digits, dot, dash, underscore, at-sign and slash; no "..", no empty segment. */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._@-]+(/[A-Za-z0-9._@-]+)*");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final ClassLoader loader;
    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> webjarVersions = new ConcurrentHashMap<>();

    StaticResources(ClassLoader loader) {
        this.loader = loader;
    }

    /** True for a relative path that cannot leave its directory and has a known file type. */
    static boolean safe(String path) {
        return SAFE_PATH.matcher(path).matches() && !path.contains("..") && TYPES.containsKey(extension(path));
    }

    /** The file at {@code classpathPath}, or empty when there is none (or the path is not {@link #safe}). */
    Optional<File> file(String classpathPath) {
        if (!safe(classpathPath)) {
            return Optional.empty();
        }
        File cached = files.get(classpathPath);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<File> loaded = load(classpathPath);
        loaded.ifPresent(file -> files.put(classpathPath, file));
        return loaded;
    }

    /**
     * A WebJar file by {@code name/path}, with or without the version after the name: the page refers to
     * {@code chart.js/dist/chart.umd.min.js}, so upgrading a library is a change of the pom only.
     */
    Optional<File> webjar(String path) {
        Optional<File> exact = file(Dashboard.WEBJARS + path);
        if (exact.isPresent()) {
            return exact;
        }
        int slash = path.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String name = path.substring(0, slash);
        return version(name).flatMap(version ->
                file(Dashboard.WEBJARS + name + "/" + version + path.substring(slash)));
    }

    private Optional<String> version(String name) {
        if (!SAFE_PATH.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        return webjarVersions.computeIfAbsent(name, this::readVersion);
    }

    private Optional<String> readVersion(String name) {
        for (String group : new String[] {"org.webjars.npm", "org.webjars"}) {
            try (InputStream in = loader.getResourceAsStream("META-INF/maven/" + group + "/" + name + "/pom.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    return Optional.ofNullable(properties.getProperty("version"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading the version of WebJar " + name, e);
            }
        }
        return Optional.empty();
    }

    private Optional<File> load(String classpathPath) {
        if (classpathPath.endsWith("/")) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(classpathPath)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new File(bytes, TYPES.get(extension(classpathPath)), etag(bytes)));
        } catch (IOException e) {
            // a directory entry of a jar can open but not read: treat it as absent
            return Optional.empty();
        }
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
