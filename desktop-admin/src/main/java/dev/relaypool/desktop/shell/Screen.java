package dev.relaypool.desktop.shell;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The main screens, in sidebar order; the first nine answer to Ctrl+1..9, Settings to Ctrl+comma. */
public enum Screen {
    DASHBOARD("Dashboard", Feather.HOME, "Server health and who is signed in."),
    ACCOUNTS("Accounts", Feather.SERVER, "Upstream Anthropic, OpenAI and Gemini accounts in the pool."),
    KEYS("Keys", Feather.KEY, "Relaypool API keys handed to members."),
    USERS("Users", Feather.USERS, "Members, their balances and roles."),
    GROUPS("Groups", Feather.LAYERS, "Groups of accounts with their own rate multipliers."),
    REDEEM_CODES("Redeem codes", Feather.GIFT, "Codes that add balance or a subscription."),
    SUBSCRIPTIONS("Subscriptions", Feather.REPEAT, "Plans with periodic quotas."),
    PRICES("Prices", Feather.DOLLAR_SIGN, "Model prices from the catalogue and your overrides."),
    USAGE("Usage", Feather.BAR_CHART_2, "Requests, tokens and cost over time."),
    SETTINGS("Settings", Feather.SETTINGS, "Server-wide settings.");

    private final String title;
    private final Ikon icon;
    private final String summary;

    Screen(String title, Ikon icon, String summary) {
        this.title = title;
        this.icon = icon;
        this.summary = summary;
    }

    public String title() { return title; }
    public Ikon icon() { return icon; }
    public String summary() { return summary; }

    public static Screen parse(String name) {
        for (Screen screen : values()) {
            if (screen.name().equals(name)) {
                return screen;
            }
        }
        return DASHBOARD;
    }
}
