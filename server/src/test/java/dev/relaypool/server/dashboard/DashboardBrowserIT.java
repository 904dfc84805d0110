package dev.relaypool.server.dashboard;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real headless Chromium against the wired relay: signing in, a key created in the browser used
 * by a client, its request in the member's usage with its cost, redeeming, and the admin's live view. Skips (with
 * the reason printed) where no Chromium/chromedriver is installed.
 */
class DashboardBrowserIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final String MODEL = "claude-sonnet-4-5";
    private static RelayFixture relay;
    private static DashboardScenario scenario;
    private HeadlessChromium browser;
    private DashboardPage page;

    @BeforeAll
    static void start() {
        Optional<String> missing = HeadlessChromium.unavailable();
        missing.ifPresent(reason -> System.out.println("DashboardBrowserIT skipped: " + reason));
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
        relay = RelayFixture.start(postgres);
        scenario = DashboardScenario.seed(relay, postgres);
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start(1280, 900);
        page = new DashboardPage(browser.driver, scenario.baseUrl());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void signedOutVisitorSignsInAndStaysSignedInAcrossAReloadWithNothingInStorage() {
        page.open("/app/keys");
        page.until(d -> page.path().startsWith("/app/login"));
        page.signIn(scenario.memberEmail, DashboardScenario.PASSWORD);
        page.until(d -> page.path().equals("/app/keys"));

        browser.driver.navigate().refresh();
        assertThat(page.text(By.cssSelector("[data-test=account-menu]"))).isEqualTo("Alex");
        assertThat(page.path()).isEqualTo("/app/keys");
        assertThat(browser.driver.findElements(By.id("login-form"))).isEmpty();
        Object stored = browser.driver.executeScript(
                "return localStorage.length + sessionStorage.length + ':' + document.cookie");
        assertThat(stored).isEqualTo("0:"); // the refresh cookie is HttpOnly; the access token lives in memory
        assertThat(page.policyViolations()).isEmpty();
    }

    @Test
    void wrongPasswordIsExplainedOnThePage() {
        page.open("/");
        page.visible(By.id("email")).sendKeys(scenario.memberEmail);
        browser.driver.findElement(By.id("password")).sendKeys("not-the-password");
        browser.driver.findElement(By.id("login-submit")).click();
        assertThat(page.text(By.id("login-error"))).contains("do not match");
    }

    @Test
    void memberCreatesAKeyOnceAndSeesItsRelayedRequestWithItsCost() {
        assumeRoutes("/api/v1/keys", "/api/v1/usage", "/api/v1/usage/daily", "/api/v1/usage/models");
        page.open("/");
        page.signIn(scenario.memberEmail, DashboardScenario.PASSWORD);
        page.nav("API keys");
        page.visible(By.id("new-key")).click();
        page.visible(By.id("key-name")).sendKeys("browser key");
        browser.driver.findElement(By.id("create-key")).click();
        String key = page.visible(By.id("new-key-value")).getDomProperty("value");
        assertThat(key).isNotBlank().hasSizeGreaterThan(20);
        WebElement claude = browser.driver.findElement(By.cssSelector("details[data-client=claude] code"));
        assertThat(claude.getText()).contains("ANTHROPIC_BASE_URL=\"" + scenario.baseUrl() + "\"", key);
        assertThat(page.text(By.id("keys-table"))).contains("browser key");

        browser.driver.navigate().refresh();
        page.visible(By.id("keys-table"));
        assertThat(browser.driver.getPageSource()).doesNotContain(key); // shown once

        String requestId = scenario.relay(key, MODEL, 1200, 300);
        BigDecimal cost = awaitCost(requestId);
        page.nav("Usage");
        page.until(d -> {
            if (d.findElements(By.id("usage-table")).isEmpty()) {
                d.navigate().refresh(); // usage is settled in batches; a person would reload too
                page.settled();
                return false;
            }
            return true;
        });
        String table = page.text(By.id("usage-table"));
        assertThat(table).contains(MODEL).contains(money(cost));
        // the summary is the member's whole spend (other tests of this class relay with the same member)
        BigDecimal spent = postgres.dsl().select(org.jooq.impl.DSL.sum(USAGE_LOG.ACTUAL_COST)).from(USAGE_LOG)
                .where(USAGE_LOG.USER_ID.eq(scenario.member.userId())).fetchSingle().value1();
        assertThat(page.text(By.id("usage-cost"))).isEqualTo(money(spent));
        assertThat(page.policyViolations()).isEmpty();
    }

    @Test
    void redeemingACodeRaisesTheBalance() {
        assumeRoutes("/api/v1/redeem", "/api/v1/admin/redeem-codes", "/api/v1/balance");
        String admin = scenario.accessToken(scenario.adminEmail);
        String code = scenario.call("POST", "/api/v1/admin/redeem-codes", admin,
                Map.of("type", "balance", "value", "5", "count", 1)).path("codes").path(0).path("code").asText();
        page.open("/app/redeem");
        page.signIn(scenario.memberEmail, DashboardScenario.PASSWORD);
        page.until(d -> page.path().equals("/app/redeem"));
        BigDecimal before = dollars(page.text(By.id("balance")));
        page.visible(By.id("redeem-code")).sendKeys(code);
        browser.driver.findElement(By.id("redeem-submit")).click();
        assertThat(page.text(By.cssSelector("#redeem-result .success"))).contains("$5.00");
        assertThat(dollars(page.text(By.id("balance")))).isEqualByComparingTo(before.add(new BigDecimal("5")));
    }

    @Test
    void adminSeesARelayedRequestInTheLiveView() {
        assumeRoutes("/api/v1/admin/events", "/api/v1/admin/usage/series");
        page.open("/");
        page.signIn(scenario.adminEmail, DashboardScenario.PASSWORD);
        page.until(d -> page.path().equals("/app/admin"));
        page.until(d -> page.text(By.id("stream-state")).contains("live"));
        String requestId = scenario.relay(scenario.member.key(), MODEL, 800, 120);
        page.until(d -> {
            try { // the live table is re-rendered as events arrive: a found element may go stale at once
                return d.findElements(By.id("live-requests")).stream().anyMatch(t -> t.getText().contains(requestId));
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
        assertThat(page.text(By.id("live-requests"))).contains(MODEL);
        assertThat(page.policyViolations()).isEmpty();
    }

    private void assumeRoutes(String... paths) {
        for (String path : paths) {
            boolean present = scenario.hasRoute(path);
            if (!present) {
                System.out.println("DashboardBrowserIT: step skipped, the server has no " + path + " yet");
            }
            assumeTrue(present, () -> "the server has no " + path + " yet");
        }
    }

    private BigDecimal awaitCost(String requestId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var row = postgres.dsl().selectFrom(USAGE_LOG).where(USAGE_LOG.REQUEST_ID.eq(requestId)).fetchOne();
            if (row != null) {
                return row.getActualCost();
            }
            sleep();
        }
        throw new AssertionError("no usage row for " + requestId);
    }

    /** The dashboard's money format: 2 decimals, up to 6 under a cent without trailing zeros, half-up. */
    static String money(BigDecimal value) {
        boolean small = value.signum() != 0 && value.abs().compareTo(new BigDecimal("0.01")) < 0;
        BigDecimal rounded = value.setScale(small ? 6 : 2, RoundingMode.HALF_UP);
        if (small) {
            rounded = rounded.stripTrailingZeros().setScale(Math.max(2, rounded.stripTrailingZeros().scale()));
        }
        return String.format("$%,." + rounded.scale() + "f", rounded);
    }

    private static BigDecimal dollars(String text) {
        return new BigDecimal(text.replace("$", "").replace(",", ""));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
