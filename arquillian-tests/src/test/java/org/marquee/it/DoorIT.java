package org.marquee.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The console at the door and on a shared counter PC, in headless Chromium: a door clerk checks tickets
 * in on a 390 px wide phone screen (printed and phone codes, typed as a keyboard-wedge scanner does:
 * the code, then Enter); door staff reach no other page; Back after Sign out shows no ticket data;
 * a console page that does not exist is the console's own 404. Screenshots go to target/door-screenshots/.
 */
class DoorIT extends MarqueeIT {

    @Test
    void aDoorClerkChecksTicketsInOnAPhone() throws Exception {
        JsonPath event = Bookings.createEvent(Events.withSeatTypes("Phone Door Night", """
                [{"name": "Stalls", "price": "40.00", "currency": "EUR", "reservedSeating": true,
                  "sections": [{"name": "A", "rows": [{"label": "1", "seats": 8}]}]}]""")).jsonPath();
        String eventId = event.getString("id");
        Accounts.Account fan = Accounts.newCustomer();
        JsonPath paid = buy(fan, eventId, event.getString("seatTypes[0].id"), 2);
        List<String> printed = paid.getList("tickets.code");
        Accounts.Account doorClerk = Accounts.withRoles("door", "DOOR");

        try (ConsoleBrowser phone = new ConsoleBrowser("door-screenshots", 390, 844)) {
            phone.signIn(doorClerk.email(), doorClerk.password());
            phone.waitFor(() -> phone.driver().getCurrentUrl().contains("/console/door.xhtml"));
            phone.screenshot("door-1-choose-event");
            assertTrue(phone.driver().findElements(By.id("navSupport")).isEmpty(), "door staff see no other page in the menu");
            phone.open("/console/support.xhtml");
            phone.waitFor(() -> phone.driver().getCurrentUrl().contains("/console/door.xhtml"));

            assertFalse(phone.driver().findElements(By.cssSelector(".door-events a")).isEmpty(), "upcoming events to choose from");
            phone.open("/console/door.xhtml?event=" + eventId);
            phone.waitFor(() -> phone.driver().findElements(By.id("code")).size() == 1);
            assertEquals("code", phone.script("return document.activeElement.id"), "the code field is ready for the scanner");
            assertEquals("0", phone.find(By.id("checkedIn")).getText());
            assertEquals("2", phone.find(By.id("sold")).getText());
            phone.screenshot("door-2-ready");

            // a keyboard-wedge scanner types the printed code and presses Enter
            phone.find(By.id("code")).sendKeys(printed.get(0), Keys.ENTER);
            phone.waitFor(() -> "yes".equals(phone.find(By.id("answer")).getAttribute("data-result")));
            String answer = phone.find(By.id("answer")).getText();
            assertTrue(answer.contains("Welcome in"), answer);
            String label = paid.getString("tickets.find { it.code == '" + printed.get(0) + "' }.label");
            assertEquals(label, phone.find(By.id("seatLabel")).getText());
            assertEquals("Stalls", phone.find(By.id("seatType")).getText());
            assertEquals("", phone.find(By.id("code")).getAttribute("value"), "the field is empty for the next guest");
            assertEquals("code", phone.script("return document.activeElement.id"), "and still has the focus");
            assertTrue(phone.find(By.id("answer")).getCssValue("background-color").contains("11, 122, 52"), "green");
            phone.waitFor(() -> "1".equals(phone.find(By.id("checkedIn")).getText()));
            phone.screenshot("door-3-admitted");

            // the same ticket again: a red answer with when it was first let in
            phone.find(By.id("code")).sendKeys(printed.get(0), Keys.ENTER);
            phone.waitFor(() -> phone.find(By.id("answer")).getText().contains("Already checked in"));
            assertEquals("no", phone.find(By.id("answer")).getAttribute("data-result"));
            assertTrue(phone.find(By.id("answer")).getCssValue("background-color").contains("176, 0, 32"), "red");
            assertTrue(phone.find(By.id("answer")).getText().contains("First let in at"), phone.find(By.id("answer")).getText());
            phone.screenshot("door-4-already-in");

            // not a ticket at all
            phone.find(By.id("code")).sendKeys("MQ1.forged.code", Keys.ENTER);
            phone.waitFor(() -> phone.find(By.id("answer")).getText().contains("Not valid"));
            phone.screenshot("door-5-not-valid");

            // the other ticket by the code on the fan's phone (what its QR code carries), as it is now
            JsonPath tickets = Bookings.as(fan.token()).get("/bookings/{id}/tickets", paid.getString("id")).then().statusCode(200)
                    .extract().jsonPath();
            String phoneCode = tickets.getString("find { it.code != null && it.printedCode != '" + printed.get(0) + "' }.code");
            phone.find(By.id("code")).sendKeys(phoneCode, Keys.ENTER);
            phone.waitFor(() -> phone.find(By.id("answer")).getText().contains("Welcome in"));
            phone.waitFor(() -> "2".equals(phone.find(By.id("checkedIn")).getText()));
            phone.screenshot("door-6-phone-code-admitted");

            long overflow = (Long) phone.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, overflow, "nothing wider than the phone's 390 px");
        }
        Bookings.as(fan.token()).get("/bookings/{id}/tickets", paid.getString("id")).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo(List.of("CHECKED_IN", "CHECKED_IN")));
    }

    @Test
    void backAfterSignOutShowsNoTicketData() throws Exception {
        JsonPath event = Bookings.createEvent(Events.minimal("Shared Counter Night")).jsonPath();
        Accounts.Account fan = Accounts.newCustomer();
        JsonPath paid = buy(fan, event.getString("id"), event.getString("seatTypes[0].id"), 1);
        String code = paid.getString("tickets[0].code");
        Accounts.Account clerk = Accounts.withRoles("clerk", "BOX_OFFICE");

        try (ConsoleBrowser counter = new ConsoleBrowser("counter-screenshots", 1280, 900)) {
            counter.signIn(clerk.email(), clerk.password());
            counter.waitFor(() -> counter.driver().getCurrentUrl().endsWith("/console/"));
            counter.open("/console/tickets.xhtml?booking=" + paid.getString("id"));
            counter.waitFor(() -> counter.text().contains(code));
            assertEquals(1, counter.driver().findElements(By.cssSelector(".ticket-qr svg")).size(), "the ticket's QR code");
            assertTrue(counter.text().contains("25.00 EUR") && counter.text().contains("Standing"), counter.text());
            counter.screenshot("counter-1-tickets-with-qr");

            counter.find(By.id("session:logout")).click();
            counter.waitFor(() -> counter.driver().getCurrentUrl().contains("/console/login.xhtml"));
            counter.driver().navigate().back();
            counter.waitFor(() -> "complete".equals(counter.script("return document.readyState")));
            counter.screenshot("counter-2-back-after-sign-out");
            assertFalse(counter.driver().getPageSource().contains(code), "Back after Sign out shows no ticket code");
            assertTrue(counter.driver().getCurrentUrl().contains("/console/login.xhtml"), counter.driver().getCurrentUrl());

            // signed in again: a console page that does not exist is the console's own page, styled, without the server's name
            counter.signIn(clerk.email(), clerk.password());
            counter.waitFor(() -> counter.driver().getCurrentUrl().endsWith("/console/"));
            counter.open("/console/nothere.xhtml");
            counter.waitFor(() -> counter.text().contains("There is no such page"));
            assertTrue(counter.find(By.className("bar")).getCssValue("background-color").contains("35, 48, 74"), "styled as the console");
            counter.screenshot("counter-3-not-found");

            // every console page forbids keeping it; the 404 says nothing of the server
            String session = counter.driver().manage().getCookieNamed("JSESSIONID").getValue();
            server().cookie("JSESSIONID", session).redirects().follow(false).get("/console/index.xhtml").then().statusCode(200)
                    .header("Cache-Control", containsString("no-store"));
            server().cookie("JSESSIONID", session).redirects().follow(false).get("/console/nothere.xhtml").then().statusCode(404)
                    .contentType("text/html").header("Cache-Control", containsString("no-store"))
                    .body(not(containsString("Payara"))).body(not(containsString("GlassFish"))).header("Server", org.hamcrest.Matchers.nullValue());
        }
        server().get("/console/login.xhtml").then().statusCode(200).header("Cache-Control", containsString("no-store"));
        // outside the console a path nothing answers is a problem, never the container's page
        server().get("/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("NOT_FOUND"));
    }

    private static JsonPath buy(Accounts.Account fan, String eventId, String seatTypeId, int quantity) throws InterruptedException {
        String bookingId = Bookings.as(fan.token()).body("""
                {"eventId": "%s", "seatTypeId": "%s", "quantity": %d}""".formatted(eventId, seatTypeId, quantity))
                .post("/bookings").then().statusCode(201).extract().path("id");
        var paid = Bookings.confirmRetrying(fan.token(), bookingId);
        assertEquals(200, paid.statusCode(), paid.asString());
        return paid.jsonPath();
    }
}
