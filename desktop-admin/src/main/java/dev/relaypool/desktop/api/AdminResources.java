package dev.relaypool.desktop.api;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** The admin REST clients the screens use, built once and handed to each ViewModel that needs one. */
public record AdminResources(AccountsApi accounts, KeysApi keys, UsersApi users, UsageApi usage, LiveApi live,
                             DirectoryApi directory, RedeemCodesApi redeemCodes, SubscriptionsApi subscriptions,
                             PricesApi prices, SettingsApi settings) {
    public static AdminResources http() {
        RestClient rest = new RestClient(new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .build());
        return new AdminResources(new HttpAccountsApi(rest), new HttpKeysApi(rest), new HttpUsersApi(rest),
                new HttpUsageApi(rest), LiveApi.http(rest), new HttpDirectoryApi(rest), new HttpRedeemCodesApi(rest),
                new HttpSubscriptionsApi(rest), new HttpPricesApi(rest), new HttpSettingsApi(rest));
    }
}
