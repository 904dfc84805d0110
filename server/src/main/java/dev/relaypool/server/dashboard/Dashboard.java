package dev.relaypool.server.dashboard;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;

/**
 * The browser dashboard: static files from the jar, mounted beside the gateway and the API. {@code /} and every
 * client route under {@code /app/} answer the single page ({@code index.html}); {@code /assets/} holds the app's own
 * modules and styles, {@code /webjars/} the CSS and chart libraries packaged as WebJars. Nothing else is claimed,
 * so the gateway keeps answering every other path.
 */
public final class Dashboard {
    static final String ROOT = "dashboard/";
    static final String WEBJARS = "META-INF/resources/webjars/";

    private final HttpHandler page;
    private final HttpHandler assets;
    private final HttpHandler webjars;

    private Dashboard(StaticResources resources) {
        this.page = SecurityHeaders.wrap(new StaticHandler(path -> resources.file(ROOT + "index.html")));
        this.assets = SecurityHeaders.wrap(new StaticHandler(path -> resources.file(ROOT + "assets/" + path)));
        this.webjars = SecurityHeaders.wrap(new StaticHandler(resources::webjar));
    }

    /** The dashboard as packaged in the server jar. */
    public static Dashboard fromClasspath() {
        return new Dashboard(new StaticResources(Dashboard.class.getClassLoader()));
    }

    /** Adds the dashboard's paths to {@code routes} and returns it. */
    public PathHandler mountOn(PathHandler routes) {
        return routes.addExactPath("/", page)
                .addPrefixPath("/app", page)
                .addPrefixPath("/assets", assets)
                .addPrefixPath("/webjars", webjars);
    }
}
