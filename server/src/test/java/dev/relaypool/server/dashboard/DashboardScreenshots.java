package dev.relaypool.server.dashboard;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;
import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USERS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * {@code ./relaypool dashboard-screenshots [dir]}: starts a relay on a throwaway embedded database, fills it with a
 * small team's worth of demo data, and saves a PNG of each main dashboard page (desktop width, plus the member
 * overview on a phone) into {@code dir} (default {@code docs/screenshots/dashboard}).
 */
public final class DashboardScreenshots {
    private static final List<String> MODELS = List.of("claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1");

    private DashboardScreenshots() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/screenshots/dashboard");
        HeadlessChromium.unavailable().ifPresent(reason -> {
            throw new IllegalStateException("cannot take screenshots: " + reason);
        });
        Files.createDirectories(dir);
        PostgresExtension postgres = new PostgresExtension();
        postgres.beforeAll(null);
        try (RelayFixture relay = RelayFixture.start(postgres)) {
            DashboardScenario scenario = DashboardScenario.seed(relay, postgres);
            demoData(scenario, postgres);
            shoot(scenario, dir);
        } finally {
            postgres.afterAll(null);
        }
        System.out.println("Saved dashboard screenshots to " + dir.toAbsolutePath());
    }

    private static void demoData(DashboardScenario s, PostgresExtension postgres) throws InterruptedException {
        var dsl = postgres.dsl();
        String admin = s.accessToken(s.adminEmail);
        dsl.update(GROUPS).set(GROUPS.NAME, "claude-team").set(GROUPS.DESCRIPTION, "Shared Claude accounts")
                .where(GROUPS.ID.eq(s.member.groupId())).execute();
        dsl.update(UPSTREAM_ACCOUNTS).set(UPSTREAM_ACCOUNTS.NAME, "anthropic-main")
                .where(UPSTREAM_ACCOUNTS.ID.eq(s.member.accountId())).execute();
        long backup = s.relay.account(s.member.groupId(), Platform.ANTHROPIC, "sk-backup", 20);
        dsl.update(UPSTREAM_ACCOUNTS).set(UPSTREAM_ACCOUNTS.NAME, "anthropic-backup").where(UPSTREAM_ACCOUNTS.ID.eq(backup)).execute();
        long openai = s.relay.group(Platform.OPENAI);
        dsl.update(GROUPS).set(GROUPS.NAME, "openai-shared").set(GROUPS.RATE_MULTIPLIER, new BigDecimal("1.2"))
                .where(GROUPS.ID.eq(openai)).execute();
        long gpt = s.relay.account(openai, Platform.OPENAI, "sk-openai", 10);
        dsl.update(UPSTREAM_ACCOUNTS).set(UPSTREAM_ACCOUNTS.NAME, "openai-team").set(UPSTREAM_ACCOUNTS.STATUS, "error")
                .set(UPSTREAM_ACCOUNTS.ERROR_MESSAGE, "401 invalid x-api-key").where(UPSTREAM_ACCOUNTS.ID.eq(gpt)).execute();
        dsl.update(API_KEYS).set(API_KEYS.NAME, "laptop").where(API_KEYS.USER_ID.eq(s.member.userId())).execute();
        for (String[] person : new String[][] {{"sam@example.test", "Sam", "12.40"}, {"kim@example.test", "Kim", "3.05"},
                {"lee@example.test", "Lee", "48.00"}}) {
            long id = s.relay.user(new BigDecimal(person[2]));
            dsl.update(USERS).set(USERS.EMAIL, person[0]).set(USERS.DISPLAY_NAME, person[1]).where(USERS.ID.eq(id)).execute();
            s.relay.key(id, s.member.groupId());
        }
        JsonNode plan = s.call("POST", "/api/v1/admin/groups", admin, Map.of("name", "claude-pro-plan",
                "description", "Monthly plan with daily caps", "platform", "anthropic", "billingType", "subscription",
                "dailyLimitUsd", "5", "weeklyLimitUsd", "25", "monthlyLimitUsd", "80"));
        s.call("POST", "/api/v1/admin/subscriptions", admin,
                Map.of("userId", s.member.userId(), "groupId", plan.path("id").asLong(), "days", 30));
        s.call("POST", "/api/v1/admin/redeem-codes", admin, Map.of("type", "balance", "value", "10", "count", 3));
        s.call("POST", "/api/v1/admin/redeem-codes", admin, Map.of("type", "subscription", "value", "1", "count", 1,
                "groupId", plan.path("id").asLong(), "validityDays", 30));

        for (int i = 0; i < 36; i++) {
            s.relay(s.member.key(), MODELS.get(i % 3 == 0 ? 1 : i % 5 == 0 ? 2 : 0), 900 + 157 * i, 120 + 23 * (i % 7));
        }
        awaitRows(postgres, s.member.userId(), 36);
        // spread the demo requests over two weeks so the charts have a shape
        var ids = dsl.select(USAGE_LOG.ID).from(USAGE_LOG).where(USAGE_LOG.USER_ID.eq(s.member.userId()))
                .orderBy(USAGE_LOG.ID).fetch(USAGE_LOG.ID);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < ids.size(); i++) {
            int daysAgo = (i * 7 + i / 3) % 13 + 1;
            dsl.update(USAGE_LOG).set(USAGE_LOG.CREATED_AT, now.minusDays(daysAgo).minusMinutes(37L * i))
                    .where(USAGE_LOG.ID.eq(ids.get(i))).execute();
        }
        for (int i = 0; i < 4; i++) {
            s.relay(s.member.key(), MODELS.get(i % 2), 2400, 410);
        }
        awaitRows(postgres, s.member.userId(), 40);
        listPriceWhereUncharged(postgres);
    }

    /**
     * While the relay records usage without charging (billing not wired), the demo rows get list prices (USD per
     * million tokens, input/output) so the charts have something to show. Charged rows are left alone.
     */
    private static void listPriceWhereUncharged(PostgresExtension postgres) {
        Map<String, BigDecimal[]> prices = Map.of(
                "claude-sonnet-4-5", new BigDecimal[] {new BigDecimal("3"), new BigDecimal("15")},
                "claude-haiku-4-5", new BigDecimal[] {new BigDecimal("1"), new BigDecimal("5")},
                "claude-opus-4-1", new BigDecimal[] {new BigDecimal("15"), new BigDecimal("75")});
        BigDecimal million = new BigDecimal("1000000");
        prices.forEach((model, price) -> {
            var cost = USAGE_LOG.INPUT_TOKENS.cast(BigDecimal.class).mul(price[0].divide(million))
                    .add(USAGE_LOG.OUTPUT_TOKENS.cast(BigDecimal.class).mul(price[1].divide(million)));
            postgres.dsl().update(USAGE_LOG).set(USAGE_LOG.ACTUAL_COST, cost).set(USAGE_LOG.TOTAL_COST, cost)
                    .where(USAGE_LOG.REQUESTED_MODEL.eq(model)).and(USAGE_LOG.ACTUAL_COST.eq(BigDecimal.ZERO))
                    .execute();
        });
    }

    private static void shoot(DashboardScenario s, Path dir) throws IOException, InterruptedException {
        try (HeadlessChromium browser = HeadlessChromium.start(1280, 900)) {
            DashboardPage page = new DashboardPage(browser.driver, s.baseUrl());
            page.open("/");
            page.visible(By.id("email"));
            save(browser, dir.resolve("01-sign-in.png"), false);

            page.signIn(s.memberEmail, DashboardScenario.PASSWORD);
            page.until(d -> page.path().equals("/app"));
            page.settled();
            Thread.sleep(600); // chart animation
            save(browser, dir.resolve("02-member-overview.png"), true);

            page.nav("API keys");
            page.visible(By.id("new-key")).click();
            page.visible(By.id("key-name")).sendKeys("ci-runner");
            browser.driver.findElement(By.id("create-key")).click();
            page.visible(By.id("new-key-value"));
            Thread.sleep(500);
            browser.driver.executeScript("window.scrollTo(0, 0)");
            save(browser, dir.resolve("03-member-keys.png"), true);

            page.nav("Usage");
            Thread.sleep(600);
            save(browser, dir.resolve("04-member-usage.png"), true);

            page.nav("Redeem");
            save(browser, dir.resolve("05-member-redeem.png"), false);

            browser.driver.manage().window().setSize(new Dimension(390, 844));
            page.nav("Overview");
            Thread.sleep(600);
            save(browser, dir.resolve("06-phone-overview.png"), true);
        }
        try (HeadlessChromium browser = HeadlessChromium.start(1280, 900)) {
            DashboardPage page = new DashboardPage(browser.driver, s.baseUrl());
            page.open("/");
            page.signIn(s.adminEmail, DashboardScenario.PASSWORD);
            page.until(d -> page.path().equals("/app/admin"));
            page.until(d -> page.text(By.id("stream-state")).contains("live"));
            for (int i = 0; i < 8; i++) {
                s.relay(s.member.key(), MODELS.get(i % 3), 1500 + 300 * i, 200 + 40 * i);
                Thread.sleep(900);
            }
            Thread.sleep(5500); // one more tick of the live chart and a load snapshot
            save(browser, dir.resolve("07-admin-live.png"), true);
            for (String[] shot : new String[][] {{"Accounts", "08-admin-accounts.png"}, {"Users", "09-admin-users.png"},
                    {"Keys", "10-admin-keys.png"}, {"Groups", "11-admin-groups.png"}, {"Redeem codes", "12-admin-codes.png"}}) {
                page.nav(shot[0]);
                Thread.sleep(300);
                save(browser, dir.resolve(shot[1]), true);
            }
        }
    }

    /** Saves the page; {@code fullPage} grows the window to the content's height (capped) first. */
    private static void save(HeadlessChromium browser, Path file, boolean fullPage) throws IOException {
        Dimension size = browser.driver.manage().window().getSize();
        if (fullPage) {
            long height = (Long) browser.driver.executeScript("return document.documentElement.scrollHeight"
                    + " + (window.outerHeight - window.innerHeight)");
            browser.driver.manage().window().setSize(new Dimension(size.width, (int) Math.clamp(height, 600, 2600)));
        }
        Files.write(file, browser.driver.getScreenshotAs(OutputType.BYTES));
        browser.driver.manage().window().setSize(size);
        System.out.println("  " + file.getFileName());
    }

    private static void awaitRows(PostgresExtension postgres, long userId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (postgres.dsl().fetchCount(USAGE_LOG, USAGE_LOG.USER_ID.eq(userId)) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("usage rows were not written in time");
            }
            Thread.sleep(200);
        }
    }
}
