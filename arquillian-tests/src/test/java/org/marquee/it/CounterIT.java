package org.marquee.it;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The counter in headless Chromium: the seat map answers a click at once, takes new statuses without
 * being redrawn (the focused seat keeps the focus, the same elements change), is one Tab stop with arrow
 * keys; a clerk sells two seats with the keyboard alone, with the fan's name and e-mail address and the
 * change for cash; the tickets carry QR codes, price and type; Support finds the sale by the fan's
 * address; a general-admission event shows no seat-map controls. Screenshots: target/counter-sale-screenshots/.
 */
class CounterIT extends MarqueeIT {

    @Test
    void aClerkSellsByKeyboardOnlyAndSupportFindsTheFan() throws Exception {
        JsonPath event = Bookings.createEvent(Events.withSeatTypes("Keyboard Night", """
                [{"name": "Circle", "price": "1045.00", "currency": "EUR", "reservedSeating": true,
                  "sections": [{"name": "C", "rows": [{"label": "1", "seats": 6}, {"label": "2", "seats": 6}]}]}]""")).jsonPath();
        String eventId = event.getString("id");
        Accounts.Account clerk = Accounts.withRoles("clerk", "BOX_OFFICE");
        String fanEmail = Accounts.uniqueEmail("walk-in");

        try (ConsoleBrowser counter = new ConsoleBrowser("counter-sale-screenshots", 1280, 900)) {
            counter.signIn(clerk.email(), clerk.password());
            counter.waitFor(() -> counter.driver().getCurrentUrl().endsWith("/console/"));
            counter.open("/console/event.xhtml?id=" + eventId);
            counter.waitFor(() -> counter.driver().findElements(By.cssSelector("rect[data-seat]")).size() == 12);

            // a click answers at once, before any refresh of the page
            List<WebElement> seats = counter.driver().findElements(By.cssSelector("rect[data-seat]"));
            seats.get(5).click();
            assertEquals("1 seat(s) selected", counter.find(By.id("selection")).getText());
            seats.get(5).click();
            assertEquals("", counter.find(By.id("selection")).getText());

            // the map is one Tab stop
            Actions keys = new Actions(counter.driver());
            int tabs = 0;
            while (!"rect".equals(counter.script("return document.activeElement.tagName")) && tabs < 30) {
                keys.sendKeys(Keys.TAB).perform();
                tabs++;
            }
            assertEquals("rect", counter.script("return document.activeElement.tagName"), "Tab reaches the seat map");
            assertEquals(1L, counter.script("return document.querySelectorAll('#seatmap rect[data-seat][tabindex=\"0\"]').length"));

            // Home goes to the first seat, arrows move along the row and down to the next; Space selects
            keys.sendKeys(Keys.HOME).perform();
            assertEquals("C-1-1", counter.script("return document.activeElement.getAttribute('data-label')"));
            keys.sendKeys(Keys.SPACE).perform();
            keys.sendKeys(Keys.ARROW_RIGHT).perform();
            keys.sendKeys(Keys.SPACE).perform();
            keys.sendKeys(Keys.ARROW_DOWN).perform();
            String below = (String) counter.script("return document.activeElement.getAttribute('data-label')");
            assertEquals("C-2-2", below, "down from C-1-2 is C-2-2");
            keys.sendKeys(Keys.ARROW_UP).perform();
            assertEquals("2 seat(s) selected", counter.find(By.id("selection")).getText());
            counter.screenshot("sale-1-two-seats-by-keyboard");

            // a refresh brings a fan's hold onto the same seat element, and the focus stays on its seat
            WebElement fanSeat = seats.get(11);
            String focused = (String) counter.script("return document.activeElement.getAttribute('data-seat')");
            Bookings.as(Accounts.newCustomer().token()).body("""
                    {"eventId": "%s", "seatIds": ["%s"]}""".formatted(eventId, fanSeat.getAttribute("data-seat"))).post("/bookings")
                    .then().statusCode(201);
            counter.waitFor(() -> "HELD".equals(fanSeat.getAttribute("data-status")));
            assertEquals(focused, counter.script("return document.activeElement.getAttribute('data-seat')"), "the focus stayed");
            assertEquals("2 seat(s) selected", counter.find(By.id("selection")).getText());
            assertTrue(fanSeat.getAttribute("aria-label").endsWith("held"), fanSeat.getAttribute("aria-label"));
            assertTrue(fanSeat.getCssValue("fill").contains("seat-held"), "held is striped, not only amber: " + fanSeat.getCssValue("fill"));
            counter.screenshot("sale-2-fan-hold-shown-focus-kept");

            // on to the hold button with Tab, and Enter
            tabTo(counter, keys, "sale:holdSeats");
            keys.sendKeys(Keys.ENTER).perform();
            counter.waitFor(() -> counter.driver().findElements(By.id("sale:holdPanel")).size() == 1);
            assertTrue(counter.find(By.id("amount")).getText().startsWith("2,090.00 EUR") || counter.find(By.id("amount")).getText().startsWith("2090.00 EUR"),
                    counter.find(By.id("amount")).getText());
            counter.waitFor(() -> counter.find(By.id("holdCountdown")).getText().matches("\\d+:\\d\\d left"));

            // the fan's name and address, then what the fan hands over, and the change
            tabTo(counter, keys, "sale:customerName");
            keys.sendKeys("Ada Walk-in").perform();
            keys.sendKeys(Keys.TAB).perform();
            keys.sendKeys("not an address").perform();
            tabTo(counter, keys, "tendered");
            keys.sendKeys("2100").perform();
            assertEquals("Change: 10.00 EUR", counter.find(By.id("change")).getText());
            keys.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE).perform();
            assertTrue(counter.find(By.id("change")).getText().matches("2,?088\\.00 EUR still to pay"),
                    "grouped as the browser's language groups, in the sale's currency: " + counter.find(By.id("change")).getText());
            keys.sendKeys("100").perform();
            assertEquals("Change: 10.00 EUR", counter.find(By.id("change")).getText());
            counter.screenshot("sale-3-cash-and-change");
            tabTo(counter, keys, "sale:cash");
            keys.sendKeys(Keys.ENTER).perform();
            counter.waitFor(() -> counter.find(By.id("customerEmail-error")).getText().contains("not an e-mail address"));
            assertEquals("true", counter.find(By.id("sale:customerEmail")).getAttribute("aria-invalid"));
            counter.screenshot("sale-4-bad-address-beside-its-field");
            counter.find(By.id("sale:customerEmail")).clear();
            tabTo(counter, keys, "sale:customerEmail");
            keys.sendKeys(fanEmail).perform();
            tabTo(counter, keys, "sale:cash");
            keys.sendKeys(Keys.ENTER).perform();

            // the tickets: QR code, seat, type, price and the fan; and a way to sell the next
            counter.waitFor(() -> counter.driver().getCurrentUrl().contains("/console/tickets.xhtml"));
            assertEquals(2, counter.driver().findElements(By.cssSelector(".ticket-qr svg")).size());
            assertEquals(List.of("Circle", "Circle"), counter.driver().findElements(By.className("ticket-type")).stream().map(WebElement::getText).toList());
            assertTrue(counter.text().contains("1,045.00 EUR"), "prices grouped: " + counter.text());
            assertTrue(counter.text().contains("For Ada Walk-in"), counter.text());
            String bookingId = counter.find(By.id("bookingId")).getText();
            counter.screenshot("sale-5-tickets");
            counter.find(By.id("sellAnother")).click();
            counter.waitFor(() -> counter.driver().getCurrentUrl().contains("/console/event.xhtml?id=" + eventId));

            // Support finds the counter sale by the fan's e-mail address
            counter.open("/console/support.xhtml");
            counter.type("support:query", fanEmail);
            counter.find(By.id("support:find")).click();
            counter.waitFor(() -> counter.driver().findElements(By.id("counterCustomer")).size() == 1);
            assertEquals(bookingId, counter.find(By.id("bookingId")).getText());
            assertTrue(counter.find(By.id("counterCustomer")).getText().contains(fanEmail));
            counter.screenshot("sale-6-support-finds-the-fan");

            asAdmin().get("/bookings/" + bookingId).then().statusCode(200).body("status", equalTo("PAID"));
        }
    }

    @Test
    void aGeneralAdmissionEventShowsNoSeatMapControls() throws Exception {
        String eventId = Bookings.createEvent(Events.minimal("Standing Only Night")).path("id");
        Accounts.Account clerk = Accounts.withRoles("clerk", "BOX_OFFICE");
        try (ConsoleBrowser counter = new ConsoleBrowser("counter-ga-screenshots", 390, 844)) {
            counter.signIn(clerk.email(), clerk.password());
            counter.open("/console/event.xhtml?id=" + eventId);
            counter.waitFor(() -> counter.driver().findElements(By.id("sale:holdQuantity")).size() == 1);
            assertTrue(counter.driver().findElements(By.id("seatmap")).isEmpty(), "no map");
            assertTrue(counter.driver().findElements(By.id("sale:holdSeats")).isEmpty(), "no seat button");
            assertTrue(counter.driver().findElements(By.id("legend")).isEmpty(), "no legend");
            assertFalse(counter.text().contains("Click seats"), counter.text());
            counter.screenshot("ga-1-quantity-only");
        }
    }

    private static void tabTo(ConsoleBrowser browser, Actions keys, String id) {
        for (int i = 0; i < 40 && !id.equals(browser.script("return document.activeElement.id")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertEquals(id, browser.script("return document.activeElement.id"), "Tab reaches " + id);
    }
}
