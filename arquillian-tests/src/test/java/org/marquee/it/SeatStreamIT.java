package org.marquee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;
import org.marquee.it.Surge.Sse;
import org.marquee.it.Surge.SseClient;

/** The live seat map: GET /events/{id}/seats/stream. */
class SeatStreamIT extends MarqueeIT {

    private static boolean seat(Sse e, String seatId, String status) {
        if (!"seat".equals(e.event())) {
            return false;
        }
        JsonPath data = JsonPath.from(e.data());
        return seatId.equals(data.getString("seatId")) && status.equals(data.getString("status"));
    }

    @Test
    void aWatcherSeesHoldsSalesAndExpiriesAsAnotherCustomerBooks() throws Exception {
        Response event = Surge.event(Duration.ofHours(-1), null);
        String id = event.path("id");
        String stalls = event.path("seatTypes[0].id");
        List<String> seats = api().get("/events/{id}/seats", id).path("id");
        // holds of this one last 5 s
        String brief = Surge.event(Duration.ofHours(-1), "\"holdTtlSeconds\": 5").path("id");
        String briefSeat = api().get("/events/{id}/seats", brief).path("[0].id");
        Account buyer = Accounts.newCustomer();
        Account dawdler = Accounts.newCustomer();

        try (SseClient watcher = new SseClient("/events/" + id + "/seats/stream", null);
             SseClient briefWatcher = new SseClient("/events/" + brief + "/seats/stream", null)) {
            assertEquals(200, watcher.status);
            assertTrue(watcher.contentType.startsWith("text/event-stream"), watcher.contentType);
            // the stream starts before anything changes
            assertEquals(":", watcher.next(e -> true, 10).event());
            assertEquals(":", briefWatcher.next(e -> true, 10).event());

            String held = Surge.hold(buyer, null, Surge.seats(id, seats.get(0), seats.get(1))).then().statusCode(201).extract().path("id");
            Sse first = watcher.next(e -> seat(e, seats.get(0), "HELD"), 15);
            assertNotNull(first.id(), "events carry ids");
            assertEquals(stalls, JsonPath.from(first.data()).getString("seatTypeId"));
            watcher.next(e -> seat(e, seats.get(1), "HELD"), 15);

            api(buyer.token()).body("{\"paymentToken\": \"tok_visa\"}").post("/bookings/{id}/confirm", held).then().statusCode(200);
            watcher.next(e -> seat(e, seats.get(0), "SOLD"), 15);
            watcher.next(e -> seat(e, seats.get(1), "SOLD"), 15);

            // a hold nobody pays for: HELD, then AVAILABLE again once it expires
            Surge.hold(dawdler, null, Surge.seats(brief, briefSeat)).then().statusCode(201);
            briefWatcher.next(e -> seat(e, briefSeat, "HELD"), 15);
            briefWatcher.next(e -> seat(e, briefSeat, "AVAILABLE"), 30);
        }
    }

    @Test
    void aWatcherThatReconnectsWithLastEventIdGetsWhatItMissed() throws Exception {
        Response event = Surge.event(Duration.ofHours(-1), null);
        String id = event.path("id");
        List<String> seats = api().get("/events/{id}/seats", id).path("id");
        Account first = Accounts.newCustomer();
        Account second = Accounts.newCustomer();

        String lastSeen;
        String booking;
        try (SseClient watcher = new SseClient("/events/" + id + "/seats/stream", null)) {
            watcher.next(e -> true, 10);
            booking = Surge.hold(first, null, Surge.seats(id, seats.get(2))).then().statusCode(201).extract().path("id");
            lastSeen = watcher.next(e -> seat(e, seats.get(2), "HELD"), 15).id();
        }
        // while disconnected: a release and another hold
        api(first.token()).post("/bookings/{id}/cancel", booking).then().statusCode(200);
        Surge.hold(second, null, Surge.seats(id, seats.get(3))).then().statusCode(201);
        Thread.sleep(1500);

        try (SseClient again = new SseClient("/events/" + id + "/seats/stream", lastSeen)) {
            Sse released = again.next(e -> seat(e, seats.get(2), "AVAILABLE"), 15);
            Sse heldMeanwhile = again.next(e -> seat(e, seats.get(3), "HELD"), 15);
            assertTrue(!released.id().equals(lastSeen) && !heldMeanwhile.id().equals(lastSeen));
        }
        // an id this node cannot resume from: the client is told to reload the seat map
        try (SseClient stranger = new SseClient("/events/" + id + "/seats/stream", "someone-else-42")) {
            stranger.next(e -> "resync".equals(e.event()), 10);
        }
        server().accept("text/event-stream").get("/api/v1/events/{id}/seats/stream", "00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }
}
