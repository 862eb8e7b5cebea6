package org.marquee.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driving the console, for the browser tests after ConsoleIT: a window of a
 * given size (a phone's 390 px or a counter's screen), a fresh profile, nothing sent off the machine, and
 * numbered screenshots in {@code target/<folder>/} for review.
 */
final class ConsoleBrowser implements AutoCloseable {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final WebDriver driver;
    private final Path profile;
    private final Path screenshots;
    private int shot;

    ConsoleBrowser(String screenshotFolder, int width, int height) throws IOException {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("The console's browser tests need Debian's chromium and chromium-driver "
                    + "(/usr/bin/chromium, /usr/bin/chromedriver): apt-get install chromium chromium-driver (.ci/run does)");
        }
        screenshots = Path.of("target", screenshotFolder);
        Files.createDirectories(screenshots);
        try (var old = Files.list(screenshots)) {
            old.forEach(f -> f.toFile().delete());
        }
        profile = Files.createTempDirectory("marquee-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--autoplay-policy=no-user-gesture-required", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        if (width < 500) {
            // a headless window is never narrower than 500 px: a phone's viewport is emulated instead
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                    java.util.Map.of("width", width, "height", height, "pixelRatio", 1.0)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(MarqueeIT.baseUrl() + path);
    }

    /**
     * Signs in and waits until the console has answered with a page past the sign-in form: a page opened
     * before that answer arrives would be asked for without the session's sign-in and land on the console's
     * first page instead.
     */
    void signIn(String email, String password) {
        open("/console/login.xhtml");
        type("email", email);
        type("password", password);
        driver.findElement(By.id("signIn")).click();
        waitFor(() -> !driver.getCurrentUrl().contains("/login.xhtml") && "complete".equals(script("return document.readyState")));
    }

    void type(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Waits up to 20 s; on a time-out the page as it was (screenshot and HTML) is kept beside the screenshots. */
    void waitFor(BooleanSupplier condition) {
        try {
            // while a page is being replaced Chromium may also answer "Node with given id does not belong to
            // the document" (a WebDriverException of no finer type): the next poll reads the new page
            new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                    .ignoring(NoSuchElementException.class).ignoring(WebDriverException.class).until(d -> condition.getAsBoolean());
        } catch (TimeoutException e) {
            screenshot("timed-out");
            try {
                Files.writeString(screenshots.resolve(String.format("%02d-timed-out.html", shot)), driver.getCurrentUrl() + "\n" + driver.getPageSource());
            } catch (IOException | RuntimeException ignored) {
                // the time-out is what the test reports
            }
            throw e;
        }
    }

    void screenshot(String step) {
        try {
            File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), screenshots.resolve(String.format("%02d-%s.png", ++shot, step)), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
