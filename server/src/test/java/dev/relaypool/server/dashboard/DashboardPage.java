package dev.relaypool.server.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard as a user drives it: open a path, sign in, wait for what a person would wait for. */
final class DashboardPage {
    private static final Duration WAIT = Duration.ofSeconds(20);

    final ChromeDriver driver;
    private final String baseUrl;

    DashboardPage(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    void signIn(String email, String password) {
        WebElement field = visible(By.id("email"));
        field.clear();
        field.sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        until(d -> d.findElements(By.id("login-form")).isEmpty());
    }

    /** Clicks a link of the top bar by its text and waits for the page's loading marker to go. */
    void nav(String label) {
        driver.findElement(By.linkText(label)).click();
        settled();
    }

    void settled() {
        until(d -> d.findElements(By.cssSelector("main > .loading")).isEmpty());
    }

    WebElement visible(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    String text(By by) {
        return visible(by).getText();
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /** Console messages about refused scripts, styles or connections. */
    List<String> policyViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
    }
}
