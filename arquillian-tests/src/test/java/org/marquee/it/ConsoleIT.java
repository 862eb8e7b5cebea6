package org.marquee.it;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The box-office console in a real browser (Debian's headless Chromium) against the real EAR: the whole
 * counter journey, from sign-in to refund, and the accounts it refuses. A screenshot of every step goes
 * to target/console-screenshots/ for review.
 */
class ConsoleIT extends MarqueeIT {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private static WebDriver browser;
    private static Path profile;
    private static int shot;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("The console's browser tests need Debian's chromium and chromium-driver "
                    + "(/usr/bin/chromium, /usr/bin/chromedriver): apt-get install chromium chromium-driver (.ci/run does)");
        }
        Files.createDirectories(SCREENSHOTS);
        try (var old = Files.list(SCREENSHOTS)) {   // only this run's steps, numbered in order
            old.forEach(f -> f.toFile().delete());
        }
        profile = Files.createTempDirectory("marquee-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // headless, and nothing leaves the machine: no sync, updates, background fetches or first-run pages
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--window-size=1366,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void refusesWrongPasswordsCustomersAndVisitorsWithoutASession() {
        browser.manage().deleteAllCookies();
        open("/console/");
        waitFor(() -> browser.getCurrentUrl().contains("/console/login.xhtml"));
        screenshot("refusal-1-no-session-goes-to-sign-in");

        Accounts.Account staff = Accounts.withRoles("clerk", "BOX_OFFICE");
        signIn(staff.email(), "not-the-password");
        assertTrue(text().contains("The e-mail address or the password is wrong"), text());
        assertTrue(browser.getCurrentUrl().contains("/console/login.xhtml"));
        screenshot("refusal-2-wrong-password");

        Accounts.Account fan = Accounts.newCustomer();
        signIn(fan.email(), fan.password());
        assertTrue(text().contains("This account may not use the box-office console"), text());
        open("/console/index.xhtml");
        waitFor(() -> browser.getCurrentUrl().contains("/console/login.xhtml"));
        screenshot("refusal-3-customer-refused");

        // the API is not a page: its refusals stay problem+json, whatever the console does
        server().get("/api/v1/bookings").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void sellsAtTheCounterFindsTheBookingAndRefundsIt() throws Exception {
        browser.manage().deleteAllCookies();
        Accounts.Account staff = Accounts.withRoles("clerk", "BOX_OFFICE");
        open("/console/");
        signIn(staff.email(), staff.password());
        waitFor(() -> browser.getCurrentUrl().endsWith("/console/"));
        assertTrue(text().contains(staff.email()), "signed in as " + staff.email());
        screenshot("sale-1-signed-in");

        // a session cookie of the console does not authenticate API calls
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        server().cookie("JSESSIONID", session.getValue()).get("/api/v1/bookings").then().statusCode(401);

        // create an event: first with a mistake, shown next to its field, then right
        browser.findElement(By.id("navNew")).click();
        waitFor(() -> browser.findElements(By.id("name")).size() == 1);
        String name = "Console Night " + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        type("name", name);
        type("performers", "The Counter Band");
        type("venueCity", "Lyon");
        type("venueCountry", "FR");
        type("startAt", TYPED.format(now.plus(20, ChronoUnit.DAYS)));
        type("saleStartAt", TYPED.format(now.minus(1, ChronoUnit.HOURS)));
        type("saleEndAt", TYPED.format(now.plus(19, ChronoUnit.DAYS)));
        WebElement typeName = browser.findElement(By.cssSelector("input[id$='typeName']"));
        typeName.sendKeys("Stalls");
        browser.findElement(By.cssSelector("input[id$='price']")).sendKeys("45.00");
        browser.findElement(By.id("save")).click();
        waitFor(() -> !browser.findElement(By.id("venueName-error")).getText().isBlank());
        screenshot("sale-2-event-form-validation");
        assertTrue(browser.getCurrentUrl().contains("/console/edit.xhtml"));
        type("venueName", "Salle du Comptoir");
        browser.findElement(By.id("save")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/console/event.xhtml?id="));
        String eventId = browser.getCurrentUrl().replaceAll(".*id=", "");
        assertTrue(text().contains("Event \"" + name + "\" is saved."), text());

        // the seat map: 2 rows of 10 seats in section A, all available
        List<WebElement> seats = seats();
        assertEquals(20, seats.size());
        assertTrue(seats.stream().allMatch(s -> "AVAILABLE".equals(s.getAttribute("data-status"))));
        screenshot("sale-3-seat-map");

        // a fan holds a seat through the API: the open map shows it HELD without a reload
        String fanSeat = seats.get(19).getAttribute("data-seat");
        api(Accounts.newCustomer().token()).body("""
                {"eventId": "%s", "seatIds": ["%s"]}""".formatted(eventId, fanSeat)).post("/bookings").then().statusCode(201);
        waitFor(() -> "HELD".equals(seat(fanSeat).getAttribute("data-status")));
        screenshot("sale-4-seat-map-updated-by-itself");

        // sell two seats at the counter: click them, hold, pay by card, print
        String first = seats().get(0).getAttribute("data-seat");
        String second = seats().get(1).getAttribute("data-seat");
        click(By.cssSelector("rect[data-seat='" + first + "']"));
        click(By.cssSelector("rect[data-seat='" + second + "']"));
        waitFor(() -> browser.findElement(By.id("selection")).getText().contains("2 seat(s) selected"));
        screenshot("sale-5-two-seats-selected");
        browser.findElement(By.id("sale:holdSeats")).click();
        waitFor(() -> browser.findElements(By.id("sale:holdPanel")).size() == 1);
        assertTrue(browser.findElement(By.id("amount")).getText().startsWith("90.00 EUR"), browser.findElement(By.id("amount")).getText());
        screenshot("sale-6-held");
        browser.findElement(By.id("sale:token")).sendKeys("tok_visa");
        browser.findElement(By.id("sale:pay")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/console/tickets.xhtml"));
        List<WebElement> codes = browser.findElements(By.className("ticket-code"));
        assertEquals(2, codes.size());
        String ticketCode = codes.get(0).getText();
        assertTrue(ticketCode.startsWith("MQ1."), ticketCode);
        String bookingId = browser.findElement(By.id("bookingId")).getText();
        screenshot("sale-7-tickets");
        asAdmin().get("/bookings/" + bookingId).then().statusCode(200).body("status", equalTo("PAID"))
                .body("seats.id", org.hamcrest.Matchers.containsInAnyOrder(first, second));

        // the dashboard counts the sale: 2 sold, 1 held (the fan's), 17 available, 90.00 EUR, and today's bar is 2 places
        browser.findElement(By.id("navDashboard")).click();
        By row = By.xpath("//table[@id='sales']//tr[td[starts-with(normalize-space(.), '" + name + "')]]");
        waitFor(() -> browser.findElement(row).findElements(By.tagName("td")).stream().map(WebElement::getText).toList()
                .subList(2, 7).equals(List.of("2", "1", "17", "20", "90.00 EUR")));
        click(By.xpath("//table[@id='sales']//tr[td[starts-with(normalize-space(.), '" + name + "')]]//a[text()='Sales chart']"));
        String today = java.time.LocalDate.now(ZoneOffset.UTC).toString();
        waitFor(() -> browser.findElement(By.tagName("h2")).getText().startsWith(name));
        assertTrue(browser.findElements(By.cssSelector("svg.bars rect title")).stream()
                .anyMatch(t -> t.getAttribute("textContent").equals(today + ": 2 places sold, 90.00 EUR")), "today's bar");
        screenshot("sale-7b-dashboard");

        // support finds the booking by its ticket code, shows payments, and refunds it after confirmation
        try (java.sql.Connection db = database()) {
            Bookings.awaitCaptured(db, bookingId);
        }
        browser.findElement(By.id("navSupport")).click();
        waitFor(() -> browser.findElements(By.id("support:query")).size() == 1);
        browser.findElement(By.id("support:query")).sendKeys(ticketCode);
        browser.findElement(By.id("support:find")).click();
        waitFor(() -> browser.findElements(By.id("status")).size() == 1);
        assertEquals(bookingId, browser.findElement(By.id("bookingId")).getText());
        assertEquals("Paid", browser.findElement(By.id("status")).getText());
        assertTrue(browser.findElement(By.id("payments")).getText().contains("Taken"));
        screenshot("sale-8-booking-found");
        browser.findElement(By.id("support:cancel")).click();
        waitFor(() -> browser.findElements(By.id("support:confirmCancel")).size() == 1);
        assertTrue(text().contains("Cancel this booking and refund 90.00 EUR?"), text());
        screenshot("sale-9-confirm-refund");
        browser.findElement(By.id("support:confirmCancel")).click();
        waitFor(() -> "Cancelled".equals(browser.findElement(By.id("status")).getText()));
        assertTrue(text().contains("The booking is cancelled and 90.00 EUR refunded."), text());
        assertTrue(browser.findElement(By.id("payments")).getText().contains("Refunded"));
        screenshot("sale-10-refunded");

        // the seats are free again on the map
        open("/console/event.xhtml?id=" + eventId);
        waitFor(() -> browser.findElements(By.cssSelector("rect[data-seat]")).size() == 20);
        assertEquals("AVAILABLE", seat(first).getAttribute("data-status"));
        assertEquals("AVAILABLE", seat(second).getAttribute("data-status"));
        screenshot("sale-11-seats-free-again");

        // a cash sale of the best available seat: recorded as a captured CASH payment, and handed back on cancellation
        type("sale:quantity", "1");
        browser.findElement(By.id("sale:holdQuantity")).click();
        waitFor(() -> browser.findElements(By.id("sale:cash")).size() == 1);
        assertTrue(browser.findElement(By.id("sale:cash")).getAttribute("value").contains("45.00 EUR"));
        browser.findElement(By.id("sale:cash")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/console/tickets.xhtml"));
        assertEquals(1, browser.findElements(By.className("ticket-code")).size());
        String cashBooking = browser.findElement(By.id("bookingId")).getText();
        screenshot("sale-12-cash-sale-tickets");
        assertEquals(List.of("CASH CAPTURED 45.00"), payments(cashBooking));
        asAdmin().post("/bookings/" + cashBooking + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals(List.of("CASH REFUNDED 45.00"), payments(cashBooking));

        // the waiting room, switched on from the console: a bad rate is a message beside its field, then
        // the stored settings are the API's, and a fan's hold without an admission is refused
        open("/console/event.xhtml?id=" + eventId);
        click(By.id("waitingRoom"));
        waitFor(() -> browser.getCurrentUrl().contains("/console/waiting-room.xhtml"));
        assertTrue(text().contains("This event has no waiting room"), text());
        browser.findElement(By.id("enabled")).click();
        type("admitPerMinute", "0");
        browser.findElement(By.id("saveRoom")).click();
        waitFor(() -> text().contains("must be between 1 and 600000"));
        screenshot("sale-12b-waiting-room-validation");
        asAdmin().get("/events/" + eventId + "/waiting-room").then().statusCode(404);
        type("admitPerMinute", "120");
        type("shoppingWindowSeconds", "300");
        browser.findElement(By.id("saveRoom")).click();
        waitFor(() -> text().contains("The waiting room is on"));
        screenshot("sale-12c-waiting-room-on");
        asAdmin().get("/events/" + eventId + "/waiting-room").then().statusCode(200)
                .body("enabled", equalTo(true)).body("admitPerMinute", equalTo(120)).body("shoppingWindowSeconds", equalTo(300));
        api(Accounts.newCustomer().token()).body("""
                {"eventId": "%s", "seatIds": ["%s"]}""".formatted(eventId, first)).post("/bookings").then().statusCode(403)
                .body("code", equalTo("NOT_ADMITTED"));

        // the support look-up by e-mail finds nothing for an unknown address, as a message
        browser.findElement(By.id("navSupport")).click();
        waitFor(() -> browser.findElements(By.id("support:query")).size() == 1);
        browser.findElement(By.id("support:query")).sendKeys("nobody-" + UUID.randomUUID() + "@example.test");
        browser.findElement(By.id("support:find")).click();
        waitFor(() -> text().contains("No booking matches"));

        browser.findElement(By.id("session:logout")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/console/login.xhtml"));
        assertTrue(text().contains("You are signed out."));
        open("/console/support.xhtml");
        waitFor(() -> browser.getCurrentUrl().contains("/console/login.xhtml"));
        assertFalse(text().contains("Support"), "no console page after sign-out");
        screenshot("sale-13-signed-out");
    }

    @Test
    void findsRenamesAndCancelsAnEvent() {
        browser.manage().deleteAllCookies();
        Accounts.Account staff = Accounts.withRoles("clerk", "BOX_OFFICE");
        String word = "qz" + new java.util.Random().ints(8, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        String name = word + " Recital";
        String eventId = asIntegrator().body(Events.minimal(name)).post("/events").then().statusCode(201).extract().path("id");
        open("/console/");
        signIn(staff.email(), staff.password());
        waitFor(() -> browser.getCurrentUrl().endsWith("/console/"));

        // the event list searches like the API: a word of the name finds it once the index has it
        find(word, name);
        assertTrue(text().contains("1 event(s)"), text());
        screenshot("edit-1-found-by-search");

        // rename it through the form: the API shows the new name
        click(By.xpath(rowOf(name) + "//a[text()='Edit']"));
        waitFor(() -> browser.getCurrentUrl().contains("/console/edit.xhtml"));
        waitFor(() -> name.equals(browser.findElement(By.id("name")).getAttribute("value")));
        String renamed = word + " Recital Encore";
        type("name", renamed);
        browser.findElement(By.id("save")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/console/event.xhtml?id=" + eventId));
        assertTrue(text().contains("Event \"" + renamed + "\" is saved."), text());
        asAdmin().get("/events/" + eventId).then().statusCode(200).body("name", equalTo(renamed));
        screenshot("edit-2-renamed");

        // cancel it from the list, only after the confirmation: nothing more can be sold
        open("/console/");
        find(word, renamed);
        click(By.xpath(rowOf(renamed) + "//a[text()='Cancel event']"));
        waitFor(() -> text().contains("Cancel " + renamed + "? Nothing more can be sold for it."));
        asAdmin().get("/events/" + eventId).then().body("status", org.hamcrest.Matchers.not(equalTo("CANCELLED")));
        screenshot("edit-3-confirm-cancel");
        click(By.cssSelector(".ui-confirmdialog-yes"));
        waitFor(() -> text().contains("Event \"" + renamed + "\" is cancelled."));
        asAdmin().get("/events/" + eventId).then().statusCode(200).body("status", equalTo("CANCELLED"));
        api(Accounts.newCustomer().token()).body("""
                {"eventId": "%s", "seatTypeId": "%s", "quantity": 1}""".formatted(eventId,
                        asAdmin().get("/events/" + eventId).path("seatTypes[0].id")))
                .post("/bookings").then().statusCode(403).body("code", equalTo("SALE_NOT_OPEN"));
        screenshot("edit-4-cancelled");
    }

    /** Searches the event list for the word until the event's row shows (the index applies a change within seconds). */
    private static void find(String word, String name) {
        waitFor(() -> {
            type("events:q", word);
            browser.findElement(By.id("events:find")).click();
            return !browser.findElements(By.xpath(rowOf(name))).isEmpty();
        });
    }

    private static String rowOf(String name) {
        return "//table[@id='eventTable']//tr[td[normalize-space(.)='" + name + "']]";
    }

    /** "method status amount" of each payment of the booking, straight from the database. */
    private static List<String> payments(String bookingId) {
        try (var c = database(); var q = c.prepareStatement(
                "select method, status, amount from payment where booking_id = cast(? as uuid) order by created_at")) {
            q.setString(1, bookingId);
            var rows = q.executeQuery();
            List<String> found = new java.util.ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getBigDecimal(3).toPlainString());
            }
            return found;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs in and waits for the console's answer: a new page, whether the sign-in was accepted or refused. */
    private static void signIn(String email, String password) {
        open("/console/login.xhtml");
        type("email", email);
        type("password", password);
        WebElement form = browser.findElement(By.tagName("body"));
        browser.findElement(By.id("signIn")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(form));
        waitFor(() -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return document.readyState")));
    }

    private static List<WebElement> seats() {
        return browser.findElements(By.cssSelector("rect[data-seat]"));
    }

    private static WebElement seat(String id) {
        return browser.findElement(By.cssSelector("rect[data-seat='" + id + "']"));
    }

    /** Polls redraw the seat map and the dashboard, so an element found a moment ago may be gone: find it again until the click lands. */
    private static void click(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            try {
                browser.findElement(element).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    private static void open(String path) {
        browser.get(baseUrl() + path);
    }

    private static void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private static String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        // "Node with given id does not belong to the document" (Chromium, while a page is replaced) is a plain WebDriverException
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static void screenshot(String step) {
        try {
            File png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shot, step)), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
