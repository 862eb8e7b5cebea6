package org.marquee.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;
import org.marquee.it.Surge.SseClient;

/** Waiting rooms: settings, places at and after the opening, admission at the set rate, admission tokens. */
class WaitingRoomIT extends MarqueeIT {

    @Test
    void onlyStaffSetUpAWaitingRoomAndBadSettingsChangeNothing() {
        Response event = Surge.event(Duration.ofHours(-1), null);
        String id = event.path("id");
        Account fan = Accounts.newCustomer();

        Surge.join(fan, id).then().statusCode(409).contentType("application/problem+json").body("code", equalTo("QUEUE_CLOSED"));
        api(fan.token()).body("{\"enabled\": true}").put("/events/{id}/waiting-room", id).then().statusCode(403);
        asIntegrator().body("{\"enabled\": true}").put("/events/{id}/waiting-room", id).then().statusCode(403);
        Surge.room(id, "{\"enabled\": true, \"admitPerMinute\": 0}").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("admitPerMinute"));
        Surge.room(id, "{\"admitPerMinute\": 60}").then().statusCode(400).body("errors[0].field", equalTo("enabled"));
        Surge.room(id, "{\"enabled\": true, \"shoppingWindowSeconds\": 4}").then().statusCode(400);
        Surge.room(id, "{\"enabled\": \"yes please\"").then().statusCode(400);
        Surge.room("00000000-0000-0000-0000-000000000000", "{\"enabled\": true}").then().statusCode(404);
        Surge.join(fan, id).then().statusCode(409).body("code", equalTo("QUEUE_CLOSED"));
        // nothing stored: holds are not protected
        Surge.hold(fan, null, Surge.quantity(id, event.path("seatTypes[1].id"), 1)).then().statusCode(201);

        Surge.room(id, "{\"enabled\": true, \"admitPerMinute\": 120, \"shoppingWindowSeconds\": 300, \"maxSeatsPerAccount\": 4}")
                .then().statusCode(200)
                .body("eventId", equalTo(id)).body("enabled", equalTo(true)).body("admitPerMinute", equalTo(120))
                .body("shoppingWindowSeconds", equalTo(300)).body("maxSeatsPerAccount", equalTo(4));
        asAdmin().get("/events/{id}/waiting-room", id).then().statusCode(200).body("admitPerMinute", equalTo(120));
        Account boxOffice = Accounts.withRoles("box", "BOX_OFFICE");
        api(boxOffice.token()).body("{\"enabled\": false}").put("/events/{id}/waiting-room", id).then().statusCode(200)
                .body("enabled", equalTo(false));
        Surge.join(Accounts.newCustomer(), id).then().statusCode(409).body("code", equalTo("QUEUE_CLOSED"));
        api().get("/queue/{t}", "not-a-ticket").then().statusCode(404);
        api().get("/queue/{t}", "00000000-0000-0000-0000-000000000000").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void everyoneWhoJoinsBeforeTheOpeningGetsARandomPlaceAndLaterArrivalsQueueInOrder() throws Exception {
        List<Account> early = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            early.add(Accounts.newCustomer());
        }
        Account late1 = Accounts.newCustomer();
        Account late2 = Accounts.newCustomer();
        Response event = Surge.event(Duration.ofSeconds(20), null);
        String id = event.path("id");
        // one admission a minute: nobody is admitted during the test, so places are plain to see
        Surge.room(id, "{\"enabled\": true, \"admitPerMinute\": 1, \"shoppingWindowSeconds\": 600}").then().statusCode(200);

        List<String> tickets = new ArrayList<>();
        for (Account fan : early) {
            Response joined = Surge.join(fan, id);
            joined.then().statusCode(201).body("status", equalTo("WAITING")).body("admissionToken", nullValue());
            tickets.add(joined.path("ticket"));
        }
        // joining again keeps the place
        Surge.join(early.get(3), id).then().statusCode(201).body("ticket", equalTo(tickets.get(3)));
        assertTrue(Instant.now().isBefore(Instant.parse(event.path("saleStartAt"))), "the ten joined before the opening");

        // after the opening the ten hold places 1..10, drawn at random
        // before it, the wait is the time to the opening; after it, at least a minute per place
        Surge.until(tickets.get(0), t -> t.getLong("estimatedWaitSeconds") > 30, 50);
        List<Long> places = new ArrayList<>();
        for (String t : tickets) {
            JsonPath p = Surge.ticket(t);
            assertEquals("WAITING", p.getString("status"));
            places.add(p.getLong("position"));
        }
        assertEquals(LongStream.rangeClosed(1, 10).boxed().collect(Collectors.toSet()), places.stream().collect(Collectors.toSet()),
                "the early ten hold places 1 to 10: " + places);
        assertNotEquals(LongStream.rangeClosed(1, 10).boxed().toList(), places,
                "places are drawn, not given in joining order (chance of this failing by luck: 1 in 3.6 million)");

        Response first = Surge.join(late1, id);
        first.then().statusCode(201).body("status", equalTo("WAITING")).body("position", equalTo(11));
        Surge.join(late2, id).then().statusCode(201).body("position", equalTo(12));
        assertTrue(first.<Integer>path("estimatedWaitSeconds") > 600, "eleven places at one a minute: " + first.asString());

        // the sale is open, but not for those who were not admitted
        Surge.hold(late1, null, Surge.quantity(id, event.path("seatTypes[1].id"), 1)).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("NOT_ADMITTED"));
    }

    @Test
    void buyersAreAdmittedAtTheSetRateAndTheTokenOpensHoldsForItsAccountAndEventOnly() throws Exception {
        Account a = Accounts.newCustomer();
        Account b = Accounts.newCustomer();
        Account c = Accounts.newCustomer();
        Response event = Surge.event(Duration.ofHours(-1), null);
        String id = event.path("id");
        String standing = event.path("seatTypes[1].id");
        Response other = Surge.event(Duration.ofHours(-1), null);
        Surge.room(other.path("id"), "{\"enabled\": true, \"admitPerMinute\": 600000, \"shoppingWindowSeconds\": 600}").then().statusCode(200);
        // one buyer every 5 s
        Surge.room(id, "{\"enabled\": true, \"admitPerMinute\": 12, \"shoppingWindowSeconds\": 600}").then().statusCode(200);

        List<String> tickets = new ArrayList<>();
        int position = 1;
        for (Account fan : List.of(a, b, c)) {
            Response joined = Surge.join(fan, id);
            joined.then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/v1/queue/" + joined.path("ticket")))
                    .body("status", equalTo("WAITING")).body("position", equalTo(position++));
            tickets.add(joined.path("ticket"));
        }
        Surge.hold(c, null, Surge.quantity(id, standing, 1)).then().statusCode(403).body("code", equalTo("NOT_ADMITTED"));

        JsonPath admittedA = Surge.admitted(tickets.get(0), 30);
        assertEquals(0, admittedA.getLong("position"));
        assertTrue(admittedA.getString("admissionToken").startsWith("MA1."), admittedA.prettify());
        assertEquals("WAITING", Surge.ticket(tickets.get(2)).getString("status"), "the third comes 10 s after the first");
        JsonPath admittedB = Surge.admitted(tickets.get(1), 30);
        JsonPath admittedC = Surge.admitted(tickets.get(2), 30);
        Instant untilA = Instant.parse(admittedA.getString("admittedUntil"));
        Instant untilB = Instant.parse(admittedB.getString("admittedUntil"));
        Instant untilC = Instant.parse(admittedC.getString("admittedUntil"));
        assertEquals(Duration.ofSeconds(5), Duration.between(untilA, untilB), "12 a minute: one every 5 s");
        assertEquals(Duration.ofSeconds(5), Duration.between(untilB, untilC));
        assertEquals(600, Duration.between(Instant.now(), untilA).toSeconds(), 30, "a shopping window of 600 s from admission");

        String tokenA = admittedA.getString("admissionToken");
        // bound to its account: useless to anyone else
        Surge.hold(b, tokenA, Surge.quantity(id, standing, 1)).then().statusCode(403).body("code", equalTo("NOT_ADMITTED"));
        // and to its event
        Response otherTicket = Surge.join(a, other.path("id"));
        JsonPath otherAdmitted = Surge.admitted(otherTicket.path("ticket"), 30);
        Surge.hold(a, otherAdmitted.getString("admissionToken"), Surge.quantity(id, standing, 1)).then().statusCode(403);
        // altered anywhere: refused
        for (String forged : tampered(tokenA)) {
            Surge.hold(a, forged, Surge.quantity(id, standing, 1)).then().statusCode(403).body("code", equalTo("NOT_ADMITTED"));
        }
        Surge.hold(a, tokenA, Surge.quantity(id, standing, 1)).then().statusCode(201);
        Surge.hold(b, admittedB.getString("admissionToken"), Surge.quantity(id, standing, 2)).then().statusCode(201);
        // staff sell on others' behalf without queueing
        asAdmin().body(Surge.quantity(id, standing, 1)).post("/bookings").then().statusCode(201);
    }

    @Test
    void theQueueStreamsItsProgressAndTheShoppingWindowEnds() throws Exception {
        Account fan = Accounts.newCustomer();
        Response event = Surge.event(Duration.ofHours(-1), null);
        String id = event.path("id");
        Surge.room(id, "{\"enabled\": true, \"admitPerMinute\": 10, \"shoppingWindowSeconds\": 5}").then().statusCode(200);
        String ticket = Surge.join(fan, id).then().statusCode(201).extract().path("ticket");

        String admission;
        Instant until;
        try (SseClient stream = new SseClient("/queue/" + ticket + "/stream", null)) {
            assertEquals(200, stream.status);
            assertTrue(stream.contentType.startsWith("text/event-stream"), stream.contentType);
            Surge.Sse waiting = stream.next(e -> "queue".equals(e.event()), 10);
            assertEquals("WAITING", JsonPath.from(waiting.data()).getString("status"), waiting.data());
            Surge.Sse admitted = stream.next(e -> "queue".equals(e.event()) && e.data().contains("ADMITTED"), 20);
            JsonPath a = JsonPath.from(admitted.data());
            admission = a.getString("admissionToken");
            until = Instant.parse(a.getString("admittedUntil"));
            assertEquals(ticket, a.getString("ticket"));
        }
        assertTrue(admission.startsWith("MA1."));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis()) + 1500);
        JsonPath expired = Surge.ticket(ticket);
        assertEquals("EXPIRED", expired.getString("status"));
        assertNull(expired.get("admissionToken"));
        Surge.hold(fan, admission, Surge.quantity(id, event.path("seatTypes[1].id"), 1)).then().statusCode(403)
                .body("code", equalTo("NOT_ADMITTED"));
        // joining again does not buy a second window
        Surge.join(fan, id).then().statusCode(201).body("ticket", equalTo(ticket)).body("status", equalTo("EXPIRED"));
    }

    /** The token with one character changed in each of its parts. */
    private static List<String> tampered(String token) {
        List<String> forged = new ArrayList<>();
        int dot = token.lastIndexOf('.');
        // (not the last character of a part: base64 leaves some of its bits unused)
        for (int at : new int[] {6, dot - 5, token.length() - 5}) {
            char c = token.charAt(at);
            forged.add(token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1));
        }
        forged.add(token.substring(0, dot));
        forged.add("MA1.garbage.garbage");
        return forged;
    }

    @Test
    void pollsAcrossTheOpeningAlwaysAnswerAndAPlaceOnceShownNeverMoves() throws Exception {
        int inserted = 2000;
        List<Account> fans = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fans.add(Accounts.newCustomer());
        }
        Response event = Surge.event(Duration.ofSeconds(20), null);
        String id = event.path("id");
        Instant opening = Instant.parse(event.path("saleStartAt"));
        // one admission a minute, and polls stop within 40 s of the opening: every place shown is the drawn number
        Surge.room(id, "{\"enabled\": true, \"admitPerMinute\": 1, \"shoppingWindowSeconds\": 600}").then().statusCode(200);
        List<String> sample = new ArrayList<>();
        for (Account fan : fans) {
            sample.add(Surge.join(fan, id).then().statusCode(201).extract().path("ticket"));
        }
        // the rows a join writes before the opening, inserted with SQL: in no node's cache
        try (Connection db = database()) {
            db.setAutoCommit(false);
            try (PreparedStatement lock = db.prepareStatement("select 1 from waiting_room where event_id = cast(? as uuid) for update");
                 PreparedStatement users = db.prepareStatement("""
                         insert into app_user (id, email, name, password_hash)
                         select gen_random_uuid(), 'queued-' || n || '-' || ? || '@example.org', 'Queued', 'x' from generate_series(1, ?) n""");
                 PreparedStatement queued = db.prepareStatement("""
                         insert into queue_ticket (id, event_id, account_id, number, joined_at)
                         select gen_random_uuid(), cast(? as uuid), id, null, now() from app_user where email like ?""");
                 PreparedStatement count = db.prepareStatement("update waiting_room set last_number = last_number + ? where event_id = cast(? as uuid)");
                 PreparedStatement some = db.prepareStatement("select cast(id as text) from queue_ticket t where event_id = cast(? as uuid) "
                         + "and not exists (select 1 from user_role r where r.user_id = t.account_id) limit 30")) {
                lock.setString(1, id);
                lock.executeQuery().close();
                users.setString(1, id);
                users.setInt(2, inserted);
                users.executeUpdate();
                queued.setString(1, id);
                queued.setString(2, "queued-%-" + id + "@example.org");
                assertEquals(inserted, queued.executeUpdate());
                count.setInt(1, inserted);
                count.setString(2, id);
                count.executeUpdate();
                some.setString(1, id);
                try (ResultSet r = some.executeQuery()) {
                    while (r.next()) {
                        sample.add(r.getString(1));
                    }
                }
            }
            db.commit();
        }
        long queuedBefore = fans.size() + inserted;
        // the node counts the inserted ones within a second (it reads its rooms every second)
        Surge.until(sample.get(sample.size() - 1), t -> t.getLong("position") == queuedBefore, 10);
        assertTrue(Instant.now().isBefore(opening), "everyone queued before the opening");

        // two pollers go round the sample from before the opening until every place is shown (or 40 s after it)
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        List<String> wrong = new CopyOnWriteArrayList<>();
        Instant stop = opening.plusSeconds(40);
        Runnable poller = () -> {
            while (Instant.now().isBefore(stop) && seen.values().stream().filter(p -> p.get(p.size() - 1) != queuedBefore).count() < sample.size()) {
                for (String ticket : sample) {
                    Response answer = api().get("/queue/{t}", ticket);
                    if (answer.statusCode() != 200 || !"WAITING".equals(answer.path("status"))) {
                        wrong.add(ticket + ": " + answer.statusCode() + " " + answer.asString());
                        continue;
                    }
                    seen.computeIfAbsent(ticket, t -> new CopyOnWriteArrayList<>()).add(answer.jsonPath().getLong("position"));
                }
            }
        };
        Thread other = new Thread(poller);
        other.start();
        poller.run();
        other.join();
        assertEquals(List.of(), wrong, "every poll answers 200 WAITING (one admission a minute)");

        Map<String, Long> numbers = new HashMap<>();
        try (Connection db = database();
             PreparedStatement q = db.prepareStatement("select cast(id as text), number from queue_ticket where event_id = cast(? as uuid)")) {
            q.setString(1, id);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    numbers.put(r.getString(1), r.getLong(2));
                }
            }
        }
        assertEquals(LongStream.rangeClosed(1, queuedBefore).boxed().collect(Collectors.toSet()), Set.copyOf(numbers.values()),
                "the opening numbered everyone who queued before it 1.." + queuedBefore);
        for (String ticket : sample) {
            List<Long> positions = seen.get(ticket);
            long place = numbers.get(ticket);
            assertEquals(place, positions.get(positions.size() - 1), ticket + " shows its place in the end: " + positions);
            // before the opening, how many queued; after it, the place, and never the count again
            int first = positions.indexOf(place);
            for (int i = 0; i < positions.size(); i++) {
                assertEquals(i < first ? queuedBefore : place, positions.get(i), ticket + " (place " + place + "): " + positions);
            }
        }
    }
}
