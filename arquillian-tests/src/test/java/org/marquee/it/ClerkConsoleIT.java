package org.marquee.it;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console as a clerk reads it, in headless Chromium: forms that say what is wrong beside the field in
 * its own words (never a framework's message), mark it for assistive technology, give it the focus and
 * forget it at the next save; pages with words for statuses, grouped money and local times, never ISO
 * codes; the dashboard's refunds and totals per currency and its chart's axes; the event list past 50;
 * every page within a 390 px phone. Screenshots: target/clerk-forms-screenshots/, target/clerk-phone-screenshots/.
 */
class ClerkConsoleIT extends MarqueeIT {

    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    private static final Pattern FRAMEWORK_WORDS = Pattern.compile("j_idt|must be a number between|Conversion error|Validation Error");

    @Test
    void formsSayWhatIsWrongBesideTheFieldAndForgetItAtTheNextSave() throws Exception {
        Accounts.Account clerk = Accounts.withRoles("clerk", "BOX_OFFICE");
        try (ConsoleBrowser counter = new ConsoleBrowser("clerk-forms-screenshots", 1280, 900)) {
            counter.signIn(clerk.email(), clerk.password());
            counter.waitFor(() -> counter.driver().getCurrentUrl().endsWith("/console/"));
            counter.open("/console/edit.xhtml");
            counter.waitFor(() -> counter.driver().findElements(By.id("name")).size() == 1);

            // every field keeps its row: a label, its field and a place for its message, whether there is one or not
            assertEquals(x(counter, "label[for$='rows']"), x(counter, "label[for$='seats']"), "the grid does not shift");
            assertEquals(x(counter, "input[id$='typeName']"), x(counter, "input[id$='quantity']"), "the grid does not shift");

            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            counter.type("name", "Forms Night");
            counter.type("venueName", "Salle des Formulaires");
            counter.type("venueCity", "Lyon");
            counter.type("venueCountry", "FR");
            counter.type("startAt", TYPED.format(now.plus(20, ChronoUnit.DAYS)));
            counter.type("saleStartAt", TYPED.format(now.minus(1, ChronoUnit.HOURS)));
            counter.type("saleEndAt", TYPED.format(now.plus(19, ChronoUnit.DAYS)));
            field(counter, "typeName").sendKeys("Stalls");
            field(counter, "price").sendKeys("45.00");
            field(counter, "rows").clear();
            field(counter, "rows").sendKeys("x");
            counter.find(By.id("save")).click();

            // a number that is not one: said beside its field, in its words, and nothing from the framework
            counter.waitFor(() -> !counter.find(By.id("st0-rows-error")).getText().isBlank());
            assertEquals("Rows per section of seat type 1 must be a whole number, such as 2", counter.find(By.id("st0-rows-error")).getText());
            assertFalse(FRAMEWORK_WORDS.matcher(counter.text()).find(), counter.text());
            assertEquals("true", field(counter, "rows").getAttribute("aria-invalid"));
            assertEquals("st0-rows-error", field(counter, "rows").getAttribute("aria-describedby"));
            assertTrue(((String) counter.script("return document.activeElement.id")).endsWith(":rows"), "the focus is on the bad field");
            assertTrue(counter.text().contains("Please correct Rows per section of seat type 1."), counter.text());
            assertEquals(x(counter, "label[for$='rows']"), x(counter, "label[for$='seats']"), "a message does not shift the grid");
            counter.screenshot("forms-1-rows-not-a-number");

            // the next save forgets what was corrected and marks the new mistakes: a bad price and a missing venue
            field(counter, "rows").clear();
            field(counter, "rows").sendKeys("2");
            field(counter, "price").clear();
            field(counter, "price").sendKeys("abc");
            counter.find(By.id("venueName")).clear();
            counter.find(By.id("save")).click();
            counter.waitFor(() -> !counter.find(By.id("st0-price-error")).getText().isBlank());
            assertEquals("", counter.find(By.id("st0-rows-error")).getText(), "the corrected field is clear");
            assertEquals("false", field(counter, "rows").getAttribute("aria-invalid"));
            assertTrue(counter.find(By.id("st0-price-error")).getText().contains("Price of seat type 1 must be a decimal amount"),
                    counter.find(By.id("st0-price-error")).getText());
            assertEquals("true", field(counter, "price").getAttribute("aria-invalid"), "a bad price is flagged");
            assertTrue(counter.find(By.id("venueName-error")).getText().contains("Venue is required"), counter.find(By.id("venueName-error")).getText());
            assertEquals("venueName", counter.script("return document.activeElement.id"), "the focus is on the first bad field");
            assertFalse(FRAMEWORK_WORDS.matcher(counter.text()).find(), counter.text());
            counter.screenshot("forms-2-price-and-venue");

            counter.type("venueName", "Salle des Formulaires");
            field(counter, "price").clear();
            field(counter, "price").sendKeys("1045.00");
            counter.find(By.id("save")).click();
            counter.waitFor(() -> counter.driver().getCurrentUrl().contains("/console/event.xhtml?id="));
            String eventId = counter.driver().getCurrentUrl().replaceAll(".*id=", "");

            // the sale: a quantity of 0 marks the quantity, and the message stays although the page polls
            counter.type("sale:quantity", "0");
            counter.find(By.id("sale:holdQuantity")).click();
            counter.waitFor(() -> !counter.find(By.id("quantity-error")).getText().isBlank());
            assertTrue(counter.find(By.id("quantity-error")).getText().contains("Quantity must be between 1 and"), counter.find(By.id("quantity-error")).getText());
            assertEquals("true", counter.find(By.id("sale:quantity")).getAttribute("aria-invalid"));
            Thread.sleep(4_000);   // past a refresh of the seat map
            assertTrue(counter.text().contains("Please correct Quantity."), counter.text());
            counter.type("sale:quantity", "two");
            counter.find(By.id("sale:holdQuantity")).click();
            counter.waitFor(() -> counter.find(By.id("quantity-error")).getText().contains("Quantity must be a whole number"));
            assertFalse(FRAMEWORK_WORDS.matcher(counter.text()).find(), counter.text());
            counter.screenshot("forms-3-quantity");

            // the waiting room: what is not a number is said, not dropped; nothing is stored
            counter.open("/console/waiting-room.xhtml?id=" + eventId);
            counter.waitFor(() -> counter.driver().findElements(By.id("admitPerMinute")).size() == 1);
            counter.find(By.id("enabled")).click();
            counter.type("admitPerMinute", "lots");
            counter.find(By.id("saveRoom")).click();
            counter.waitFor(() -> !counter.find(By.id("admitPerMinute-error")).getText().isBlank());
            assertTrue(counter.find(By.id("admitPerMinute-error")).getText().contains("Buyers admitted per minute must be a whole number"),
                    counter.find(By.id("admitPerMinute-error")).getText());
            assertEquals("true", counter.find(By.id("admitPerMinute")).getAttribute("aria-invalid"));
            assertEquals("admitPerMinute", counter.script("return document.activeElement.id"));
            assertEquals("lots", counter.find(By.id("admitPerMinute")).getAttribute("value"), "what was typed is still there to correct");
            asAdmin().get("/events/" + eventId + "/waiting-room").then().statusCode(404);
            counter.screenshot("forms-4-waiting-room");
        }
    }

    @Test
    void pagesReadAsWordsAndFitAPhone() throws Exception {
        JsonPath event = Bookings.createEvent(Events.withSeatTypes("Grouped Night", """
                [{"name": "Circle", "price": "1045.00", "currency": "EUR", "reservedSeating": true,
                  "sections": [{"name": "C", "rows": [{"label": "1", "seats": 12}, {"label": "2", "seats": 12}]}]}]""")).jsonPath();
        String eventId = event.getString("id");
        String seatTypeId = event.getString("seatTypes[0].id");
        Accounts.Account fan = Accounts.newCustomer();
        String kept = buy(fan, eventId, seatTypeId, 2);
        String refunded = buy(fan, eventId, seatTypeId, 1);
        try (java.sql.Connection db = database()) {
            Bookings.awaitCaptured(db, refunded);
        }
        asAdmin().post("/bookings/" + refunded + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        moreThanOnePageOfUpcomingEvents();
        Accounts.Account clerk = Accounts.withRoles("clerk", "BOX_OFFICE");

        try (ConsoleBrowser phone = new ConsoleBrowser("clerk-phone-screenshots", 390, 844)) {
            phone.signIn(clerk.email(), clerk.password());
            phone.waitFor(() -> phone.driver().getCurrentUrl().endsWith("/console/"));

            // the event list: 50 to a page, and the next ones
            phone.waitFor(() -> phone.driver().findElements(By.id("pageShown")).size() == 1);
            assertTrue(phone.find(By.id("pageShown")).getText().startsWith("1–50 of "), phone.find(By.id("pageShown")).getText());
            assertEquals(50, phone.driver().findElements(By.cssSelector("#eventTable tbody tr")).size());
            readsAsWords(phone, "events-1-first-page");
            phone.find(By.id("events:next")).click();
            phone.waitFor(() -> phone.find(By.id("pageShown")).getText().startsWith("51–"));
            assertFalse(phone.driver().findElements(By.cssSelector("#eventTable tbody tr")).isEmpty());
            readsAsWords(phone, "events-2-next-page");
            phone.find(By.id("events:previous")).click();
            phone.waitFor(() -> phone.find(By.id("pageShown")).getText().startsWith("1–50 of "));

            // the sale: grouped prices, a status in words, the map within the phone
            phone.open("/console/event.xhtml?id=" + eventId);
            phone.waitFor(() -> phone.driver().findElements(By.cssSelector("rect[data-seat]")).size() == 24);
            assertEquals("On sale", phone.find(By.id("eventStatus")).getText());
            assertTrue(phone.text().contains("1,045.00 EUR"), phone.text());
            readsAsWords(phone, "sale-1-event");

            // Support: a refunded booking in words, nothing offered to print
            phone.open("/console/support.xhtml");
            phone.type("support:query", refunded);
            phone.find(By.id("support:find")).click();
            phone.waitFor(() -> phone.driver().findElements(By.id("status")).size() == 1);
            assertEquals("Cancelled", phone.find(By.id("status")).getText());
            assertTrue(phone.find(By.id("payments")).getText().contains("Refunded"), phone.find(By.id("payments")).getText());
            assertTrue(phone.find(By.id("payments")).getText().contains("1,045.00 EUR"), phone.find(By.id("payments")).getText());
            assertFalse(phone.text().contains("Print tickets"), "a cancelled booking offers nothing to print");
            readsAsWords(phone, "support-1-refunded-booking");

            phone.open("/console/tickets.xhtml?booking=" + kept);
            phone.waitFor(() -> phone.driver().findElements(By.cssSelector(".ticket-qr svg")).size() == 2);
            assertEquals("Paid", phone.find(By.id("bookingStatus")).getText());
            readsAsWords(phone, "tickets-1-paid");

            // the dashboard: revenue and refunds apart, totals per currency, a chart with axes
            phone.open("/console/dashboard.xhtml");
            By row = By.xpath("//table[@id='sales']//tr[td[starts-with(normalize-space(.), 'Grouped Night')]]");
            phone.waitFor(() -> phone.driver().findElements(row).size() == 1);
            List<String> cells = phone.find(row).findElements(By.tagName("td")).stream().map(e -> e.getAttribute("textContent").strip()).toList();
            assertEquals(List.of("2", "0", "22", "24", "2,090.00 EUR", "1,045.00 EUR"), cells.subList(2, 8), "sold, held, available, total, revenue, refunded");
            assertFalse(phone.driver().findElements(By.cssSelector("#totals tr[data-currency='EUR']")).isEmpty(), "a total in euros");
            assertTrue(phone.driver().findElements(By.cssSelector("#totals tr")).stream()
                    .allMatch(t -> t.getAttribute("textContent").contains("Total in " + t.getAttribute("data-currency"))), "one total per currency");
            phone.find(By.xpath("//table[@id='sales']//tr[td[starts-with(normalize-space(.), 'Grouped Night')]]//a[text()='Sales chart']")).click();
            phone.waitFor(() -> phone.find(By.tagName("h2")).getText().startsWith("Grouped Night"));
            String today = java.time.LocalDate.now(ZoneOffset.UTC).toString();
            assertEquals("3", phone.find(By.cssSelector("rect.sold-bar[data-day='" + today + "']")).getAttribute("data-places"),
                    "sold that day, the refunded one included");
            assertEquals("1", phone.find(By.cssSelector("rect.refund-bar[data-day='" + today + "']")).getAttribute("data-places"));
            assertEquals(1, phone.driver().findElements(By.id("xAxis")).size());
            assertEquals(1, phone.driver().findElements(By.id("yAxis")).size());
            assertEquals(List.of("0", "1", "2", "3", "4"), phone.driver().findElements(By.cssSelector("#salesChart text.tick")).stream()
                    .limit(5).map(e -> e.getAttribute("textContent")).toList(), "the places axis");
            phone.script("document.getElementById('salesChart').scrollIntoView()");
            readsAsWords(phone, "dashboard-1-chart");

            for (String page : List.of("edit.xhtml", "waiting-room.xhtml?id=" + eventId, "attention.xhtml", "door.xhtml")) {
                phone.open("/console/" + page);
                phone.waitFor(() -> "complete".equals(phone.script("return document.readyState")));
                readsAsWords(phone, "page-" + page.replaceAll("\\W.*", ""));
            }
        }
    }

    /** The page within the phone's width, with no ISO timestamp, status code or framework message in its text. */
    private static void readsAsWords(ConsoleBrowser phone, String step) {
        phone.screenshot(step);
        long overflow = (Long) phone.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, overflow, step + ": nothing wider than the phone's 390 px");
        String text = phone.text();
        assertFalse(ISO_INSTANT.matcher(text).find(), step + ": " + text);
        assertFalse(Pattern.compile("\\b(ON_SALE|PENDING_PAYMENT|REFUND_PENDING|REFUNDED|CAPTURED|CANCELLED|PAID)\\b").matcher(text).find(), step + ": " + text);
        assertFalse(FRAMEWORK_WORDS.matcher(text).find(), step + ": " + text);
        assertEquals(0L, phone.script("return [...document.querySelectorAll('.field-error')].filter(e => !e.textContent.trim()"
                + " && getComputedStyle(e, '::before').content !== 'none').length"), step + ": no warning sign without a message");
    }

    /** Creates upcoming events until there are more than 50, so the list has a second page. */
    private static void moreThanOnePageOfUpcomingEvents() throws Exception {
        long upcoming;
        try (var db = database()) {
            upcoming = Bookings.count(db, "select count(*) from event where cancelled_at is null and coalesce(end_at, start_at) > now()");
        }
        for (long i = upcoming; i <= 55; i++) {
            Bookings.createEvent(Events.minimal("Filler Night " + i));
        }
    }

    private static String buy(Accounts.Account fan, String eventId, String seatTypeId, int quantity) throws InterruptedException {
        String bookingId = Bookings.as(fan.token()).body("""
                {"eventId": "%s", "seatTypeId": "%s", "quantity": %d}""".formatted(eventId, seatTypeId, quantity))
                .post("/bookings").then().statusCode(201).extract().path("id");
        var paid = Bookings.confirmRetrying(fan.token(), bookingId);
        assertEquals(200, paid.statusCode(), paid.asString());
        return bookingId;
    }

    private static WebElement field(ConsoleBrowser browser, String id) {
        return browser.find(By.cssSelector("[id$=':" + id + "']"));
    }

    private static long x(ConsoleBrowser browser, String css) {
        return ((Number) browser.script("return Math.round(document.querySelector(arguments[0]).getBoundingClientRect().left)", css)).longValue();
    }
}
