package org.marquee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marquee.it.Bookings.as;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;

/**
 * Group commit of confirms: confirms fired together share the batches that open payments and buy
 * seats (one transaction each), yet each gets its own answer. Good ones are PAID and their money is
 * captured after the answer; an expired hold, another fan's booking, a cancelled booking and two
 * confirms of one booking at once are refused or answered for that request only; a retry with the same
 * Idempotency-Key replays the first answer; no money is kept without a sale.
 */
class ConfirmBatchingIT extends MarqueeIT {

    private static final String VISA = "{\"paymentToken\": \"tok_visa\"}";

    /** One confirm of the burst, and what it must get (status 0: either of two outcomes, checked after). */
    private record Shot(String name, Account who, String bookingId, String key, int status, String code) {
    }

    private record Answer(Shot shot, int status, String code, String body) {
    }

    @Test
    void confirmsFiredTogetherShareBatchesAndEachGetsItsOwnAnswer() throws Exception {
        Response event = Bookings.createEvent(Events.withSeatTypes("Confirm batch", """
                [{"name": "Floor", "price": "25.00", "currency": "EUR", "reservedSeating": false, "quantity": 200}]"""));
        String eventId = event.path("id");
        String floor = event.path("seatTypes[0].id");
        List<Account> fans = Accounts.newCustomers(28);
        List<String> holds = new ArrayList<>();
        for (Account fan : fans) {
            holds.add(as(fan.token()).body("{\"eventId\": \"" + eventId + "\", \"seatTypeId\": \"" + floor + "\", \"quantity\": 2}")
                    .post("/bookings").then().statusCode(201).extract().path("id"));
        }
        try (Connection db = database(); Statement s = db.createStatement()) {
            for (int i = 20; i < 24; i++) {           // these holds ran out
                s.executeUpdate("update booking set created_at = now() - interval '1 hour', expires_at = now() - interval '1 second' where id = '"
                        + holds.get(i) + "'");
            }
        }
        for (int i = 24; i < 26; i++) {               // these were cancelled by their fans
            as(fans.get(i).token()).post("/bookings/{id}/cancel", holds.get(i)).then().statusCode(200);
        }

        List<Shot> shots = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            shots.add(new Shot("good", fans.get(i), holds.get(i), key(), 200, null));
        }
        for (int i = 16; i < 18; i++) {               // a fan confirms twice at once: one pays, the other waits its turn or sees it paid
            shots.add(new Shot("twice" + i, fans.get(i), holds.get(i), key(), 0, null));
            shots.add(new Shot("twice" + i, fans.get(i), holds.get(i), key(), 0, null));
        }
        for (int i = 18; i < 20; i++) {               // someone else's booking: as if it did not exist
            shots.add(new Shot("not mine", fans.get(i == 18 ? 26 : 27), holds.get(i), key(), 404, "NOT_FOUND"));
        }
        for (int i = 20; i < 24; i++) {
            shots.add(new Shot("expired", fans.get(i), holds.get(i), key(), 409, "HOLD_EXPIRED"));
        }
        for (int i = 24; i < 26; i++) {
            shots.add(new Shot("cancelled", fans.get(i), holds.get(i), key(), 409, "CONFLICT"));
        }

        List<Answer> answers = fire(shots);
        for (Answer a : answers) {
            if (a.shot().status() != 0) {
                assertEquals(a.shot().status(), a.status(), a.shot().name() + ": " + a.body());
                if (a.shot().code() != null) {
                    assertEquals(a.shot().code(), a.code(), a.shot().name() + ": " + a.body());
                }
            }
        }
        for (int i = 16; i < 18; i++) {
            String name = "twice" + i;
            List<Answer> pair = answers.stream().filter(a -> a.shot().name().equals(name)).toList();
            long paid = pair.stream().filter(a -> a.status() == 200).count();
            assertTrue(paid >= 1, name + ": one of the two confirms pays: " + pair);
            pair.stream().filter(a -> a.status() != 200).forEach(a -> assertEquals("CONFLICT", a.code(), name + ": the other is told to retry"));
        }

        // retries with the same key get the first answers, marked as replays
        for (Answer a : answers.subList(0, 4)) {
            Response again = as(a.shot().who().token()).header("Idempotency-Key", a.shot().key()).body(VISA)
                    .post("/bookings/{id}/confirm", a.shot().bookingId());
            assertEquals(200, again.statusCode());
            assertEquals("true", again.header("Idempotent-Replayed"));
            assertEquals(a.body(), again.asString());
        }
        Answer expired = answers.stream().filter(a -> a.shot().name().equals("expired")).findFirst().orElseThrow();
        as(expired.shot().who().token()).header("Idempotency-Key", expired.shot().key()).body(VISA)
                .post("/bookings/{id}/confirm", expired.shot().bookingId()).then().statusCode(409);

        try (Connection db = database()) {
            // 18 bookings paid (16 + one of each pair), each with exactly one captured payment of its amount, once captured
            await(db, """
                    select count(*) from booking b where b.event_id = '%s' and b.status = 'PAID'
                       and (select count(*) from payment p where p.booking_id = b.id and p.status = 'CAPTURED' and p.amount = b.amount) = 1"""
                    .formatted(eventId), 18);
            assertEquals(18, Bookings.count(db, "select count(*) from booking where event_id = '" + eventId + "' and status = 'PAID'"));
            assertEquals(36, Bookings.count(db, "select count(*) from seat s join seat_type t on t.id = s.seat_type_id where t.event_id = '"
                    + eventId + "' and s.status = 'SOLD'"));
            // nothing authorised or captured for a booking that was not bought
            assertEquals(0, Bookings.count(db, """
                    select count(*) from payment p join booking b on b.id = p.booking_id
                     where b.event_id = '%s' and b.status <> 'PAID' and p.status in ('AUTHORISED', 'CAPTURED', 'PENDING')""".formatted(eventId)));
            Bookings.audit(db).forEach((check, bad) -> assertEquals(0L, bad, check));
        }
    }

    private static List<Answer> fire(List<Shot> shots) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(shots.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (Shot shot : shots) {
                futures.add(pool.submit(() -> {
                    go.await();
                    Response r = as(shot.who().token()).header("Idempotency-Key", shot.key()).body(VISA)
                            .post("/bookings/{id}/confirm", shot.bookingId());
                    String code = r.statusCode() >= 400 ? r.path("code") : null;
                    return new Answer(shot, r.statusCode(), code, r.asString());
                }));
            }
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A purchase whose COMMIT was applied but never acknowledged (the connection cut at commit) is run
     * again by the group commit: it must answer PAID and leave the payment that paid the booking alone,
     * not take the PAID booking for an expired one and give the money back.
     */
    @Test
    void aPurchaseRunAgainAfterItsCommitAnswersPaidAndKeepsTheMoney() throws Exception {
        Response event = Bookings.createEvent(Events.withSeatTypes("Purchase run twice", """
                [{"name": "Floor", "price": "30.00", "currency": "EUR", "reservedSeating": false, "quantity": 10}]"""));
        Account fan = Accounts.newCustomer();
        String booking = as(fan.token()).body("{\"eventId\": \"" + event.path("id") + "\", \"seatTypeId\": \""
                + event.path("seatTypes[0].id") + "\", \"quantity\": 2}").post("/bookings").then().statusCode(201).extract().path("id");
        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(200);
        try (Connection db = database(); Statement s = db.createStatement()) {
            String id;
            String reference;
            try (ResultSet rs = s.executeQuery("select id, provider_reference from payment where booking_id = '" + booking + "'")) {
                assertTrue(rs.next(), "the booking's payment");
                id = rs.getString("id");
                reference = rs.getString("provider_reference");
            }
            try (ResultSet rs = s.executeQuery("select outcome, voided, status from booking_pay_batch(array['" + booking
                    + "']::uuid[], array['" + id + "']::uuid[], array['" + reference + "']::varchar[])")) {
                assertTrue(rs.next(), "an answer for the member");
                assertEquals("PAID", rs.getString("outcome"), "a purchase already made answers PAID");
                assertFalse(rs.getBoolean("voided"), "the payment that paid the booking is not given back");
                assertEquals("PAID", rs.getString("status"));
            }
            await(db, "select count(*) from payment where booking_id = '" + booking + "' and status = 'CAPTURED' and failure_code is null", 1);
            assertEquals(2, Bookings.count(db, "select count(*) from seat where booking_id = '" + booking + "' and status = 'SOLD'"));
        }
    }

    private static void await(Connection db, String sql, long expected) throws Exception {
        long seen = -1;
        for (int i = 0; i < 60 && seen != expected; i++) {
            seen = Bookings.count(db, sql);
            if (seen != expected) {
                Thread.sleep(500);
            }
        }
        assertEquals(expected, seen, sql);
    }

    private static String key() {
        return "confirm-" + UUID.randomUUID();
    }
}
