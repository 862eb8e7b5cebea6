package org.marquee.it;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;
import org.marquee.it.RawHttp.RawAnswer;

/** The limits against hoarding: hold attempts per account and per address, seats per account per event, and the caps that were there before. */
class HoldLimitsIT extends MarqueeIT {

    @Test
    void holdAttemptsOfOneAccountAreLimitedToThirtyAMinute() throws Exception {
        Response event = Surge.event(Duration.ofHours(-1), null);
        String body = Surge.quantity(event.path("id"), event.path("seatTypes[1].id"), 1);
        Account fan = Accounts.newCustomer();
        Account neighbour = Accounts.newCustomer();
        long refusedBefore = metric("marquee_hold_refusals_total", "reason=\"rate_account\"");

        int allowed = 0;
        Response refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            Response r = Surge.hold(fan, null, body);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                // the first holds one place; then the live-hold cap answers, and those attempts count too
                assertTrue(r.statusCode() == 201 || r.statusCode() == 422, r.asString());
                allowed++;
            }
        }
        assertTrue(refused != null, "the account was rate-limited");
        assertTrue(allowed >= 30 && allowed < 40, "30 attempts a minute (plus what refilled while they ran): " + allowed);
        refused.then().contentType("application/problem+json").body("code", equalTo("RATE_LIMITED")).body("status", equalTo(429));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        // one attempt every 2 s, and the refused attempt itself took one: at most two intervals
        assertTrue(retryAfter >= 1 && retryAfter <= 4, "Retry-After " + retryAfter);
        assertEquals(retryAfter, refused.<Integer>path("retryAfterSeconds").longValue());
        // others, from the same address, are not held back
        Surge.hold(neighbour, null, body).then().statusCode(201);
        // after the wait the account may try again
        Thread.sleep(retryAfter * 1000 + 300);
        assertNotEquals(429, Surge.hold(fan, null, body).statusCode());

        assertTrue(metric("marquee_hold_refusals_total", "reason=\"rate_account\"") > refusedBefore);
        assertEquals(30, metric("marquee_hold_limit", "limit=\"rate_per_account\""));
        assertEquals(600, metric("marquee_hold_limit", "limit=\"rate_per_address\""));
        assertEquals(1, metric("marquee_hold_limit", "limit=\"live_holds_per_event\""));
    }

    @Test
    void holdAttemptsFromOneAddressAreLimitedToSixHundredAMinute() throws Exception {
        // a loopback address of its own, so that no other test's holds count against it
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String from = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 255) + "." + random.nextInt(2, 255);
        Response event = Surge.event(Duration.ofHours(-1), null);
        String body = Surge.quantity(event.path("id"), event.path("seatTypes[1].id"), 1);
        Account busy = Accounts.newCustomer();
        Account other = Accounts.newCustomer();

        int attempts = 0;
        RawAnswer refused = null;
        while (refused == null && attempts < 5000) {
            RawAnswer a = RawHttp.post(from, "/api/v1/bookings", busy.token(), body);
            attempts++;
            if (a.status() == 429 && a.body().contains("address")) {
                refused = a;
            }
        }
        assertTrue(refused != null, "the address was rate-limited");
        assertTrue(attempts > 600, "600 attempts a minute per address: refused at attempt " + attempts);
        assertTrue(refused.retryAfter() >= 1, "Retry-After: " + refused.retryAfter());
        // another account from that address is refused too; from another address it is not
        RawAnswer sameAddress = RawHttp.post(from, "/api/v1/bookings", other.token(), body);
        assertEquals(429, sameAddress.status(), sameAddress.body());
        assertTrue(sameAddress.body().contains("RATE_LIMITED"), sameAddress.body());
        Surge.hold(other, null, body).then().statusCode(201);
    }

    @Test
    void anAccountHoldsOrOwnsAtMostTheRoomsCapOfSeatsForTheEventAcrossBookings() throws Exception {
        Response event = Surge.event(Duration.ofHours(-1), "\"maxSeatsPerBooking\": 3");
        String id = event.path("id");
        String standing = event.path("seatTypes[1].id");
        Account fan = Accounts.newCustomer();
        Surge.room(id, "{\"enabled\": true, \"admitPerMinute\": 600000, \"shoppingWindowSeconds\": 600, \"maxSeatsPerAccount\": 4}")
                .then().statusCode(200);
        String token = Surge.admitted(Surge.join(fan, id).path("ticket"), 30).getString("admissionToken");

        // per booking: the event's maxSeatsPerBooking
        Surge.hold(fan, token, Surge.quantity(id, standing, 4)).then().statusCode(422).body("code", equalTo("LIMIT_EXCEEDED"));
        String first = Surge.hold(fan, token, Surge.quantity(id, standing, 3)).then().statusCode(201).extract().path("id");
        // one live hold per event
        Surge.hold(fan, token, Surge.quantity(id, standing, 1)).then().statusCode(422).body("code", equalTo("LIMIT_EXCEEDED"));
        api(fan.token()).body("{\"paymentToken\": \"tok_visa\"}").post("/bookings/{id}/confirm", first).then().statusCode(200);
        // across bookings: 3 bought + 2 is over 4
        Surge.hold(fan, token, Surge.quantity(id, standing, 2)).then().statusCode(422).body("code", equalTo("LIMIT_EXCEEDED"));
        String last = Surge.hold(fan, token, Surge.quantity(id, standing, 1)).then().statusCode(201).extract().path("id");
        api(fan.token()).post("/bookings/{id}/cancel", last).then().statusCode(200);
        // a released hold no longer counts
        Surge.hold(fan, token, Surge.quantity(id, standing, 1)).then().statusCode(201);
        assertTrue(metric("marquee_hold_refusals_total", "reason=\"seats_per_account\"") >= 1);
    }

    private static long metric(String name, String tag) {
        String text = server().accept("text/plain").get("/metrics?scope=application").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*" + Pattern.quote(tag) + "[^}]*\\}\\s+([0-9.E+]+)").matcher(text);
        if (!m.find()) {
            return name.endsWith("_total") ? 0 : -1;
        }
        return (long) Double.parseDouble(m.group(1));
    }
}
