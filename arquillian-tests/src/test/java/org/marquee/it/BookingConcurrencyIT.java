package org.marquee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marquee.it.Bookings.as;

import io.restassured.response.Response;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;

/**
 * Many buyers at once. Whatever the interleaving, no seat is sold twice, the counters balance, every
 * paid booking has its seats and its money, and every loser gets a 409 problem.
 */
class BookingConcurrencyIT extends MarqueeIT {

    @Test
    void twoHundredBuyersOverOneHundredSeatsNeverOversell() throws Exception {
        String seatTypes = """
                [{"name": "Hall", "price": "30.00", "currency": "EUR", "reservedSeating": true,
                  "sections": [{"name": "H", "rows": [{"label": "A", "seats": 25}, {"label": "B", "seats": 25},
                                                       {"label": "C", "seats": 25}, {"label": "D", "seats": 25}]}]}]""";
        Response event = Bookings.createEvent(Events.withSeatTypes("Rush", seatTypes));
        String eventId = event.path("id");
        List<String> seats = api().get("/events/{id}/seats", eventId).path("id");
        List<Account> buyers = Accounts.newCustomers(200);

        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<String> paidSeats = Collections.synchronizedList(new ArrayList<>());
        List<String> badAnswers = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Account buyer : buyers) {
                runs.add(pool.submit(() -> {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int first = random.nextInt(seats.size() - 1);
                    String body = "{\"eventId\": \"" + eventId + "\", \"seatIds\": [\"" + seats.get(first) + "\", \"" + seats.get(first + 1) + "\"]}";
                    Response held = as(buyer.token()).body(body).post("/bookings");
                    count(outcomes, "hold " + held.statusCode());
                    if (held.statusCode() == 409) {
                        if (!"SEATS_UNAVAILABLE".equals(held.path("code")) || !held.contentType().startsWith("application/problem+json")) {
                            badAnswers.add(held.asString());
                        }
                        return null;
                    }
                    if (held.statusCode() != 201) {
                        badAnswers.add(held.statusCode() + " " + held.asString());
                        return null;
                    }
                    Response paid = Bookings.confirmRetrying(buyer.token(), held.path("id"));
                    count(outcomes, "confirm " + paid.statusCode());
                    if (paid.statusCode() == 200) {
                        paidSeats.addAll(paid.path("seats.id"));
                    } else {
                        badAnswers.add(paid.statusCode() + " " + paid.asString());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(badAnswers.isEmpty(), "unexpected answers: " + badAnswers);
        assertEquals(paidSeats.size(), paidSeats.stream().distinct().count(), "no seat bought twice: " + outcomes);
        assertTrue(paidSeats.size() >= 2, "someone bought something: " + outcomes);
        try (Connection db = database()) {
            assertEquals(paidSeats.size(), Bookings.count(db, "select count(*) from seat where status = 'SOLD' and event_id = '" + eventId + "'"));
            assertAuditClean(db);
        }
        api().get("/events/{id}", eventId).then().statusCode(200);
    }

    @Test
    void moreBuyersThanGeneralAdmissionPlacesSellExactlyThePlaces() throws Exception {
        Response event = Bookings.createEvent(Events.withSeatTypes("Small club",
                "[{\"name\": \"Floor\", \"price\": \"12.00\", \"currency\": \"EUR\", \"reservedSeating\": false, \"quantity\": 60}]"));
        String eventId = event.path("id");
        String type = event.path("seatTypes[0].id");
        List<Account> buyers = Accounts.newCustomers(150);
        AtomicInteger sold = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<String> badAnswers = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(150);
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (Account buyer : buyers) {
                calls.add(() -> {
                    start.await();
                    Response held = as(buyer.token()).body("{\"eventId\": \"" + eventId + "\", \"seatTypeId\": \"" + type + "\", \"quantity\": 1}").post("/bookings");
                    if (held.statusCode() == 409 && "SEATS_UNAVAILABLE".equals(held.path("code"))) {
                        refused.incrementAndGet();
                        return null;
                    }
                    if (held.statusCode() != 201) {
                        badAnswers.add(held.statusCode() + " " + held.asString());
                        return null;
                    }
                    Response paid = Bookings.confirmRetrying(buyer.token(), held.path("id"));
                    if (paid.statusCode() == 200) {
                        sold.incrementAndGet();
                    } else {
                        badAnswers.add(paid.statusCode() + " " + paid.asString());
                    }
                    return null;
                });
            }
            List<Future<Void>> futures = new ArrayList<>();
            calls.forEach(c -> futures.add(pool.submit(c)));
            start.countDown();
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(badAnswers.isEmpty(), "unexpected answers: " + badAnswers);
        assertEquals(60, sold.get(), "every place sold once; refused " + refused.get());
        assertEquals(90, refused.get());
        try (Connection db = database()) {
            assertEquals(60, Bookings.count(db, "select count(*) from seat where status = 'SOLD' and event_id = '" + eventId + "'"));
            assertAuditClean(db);
        }
    }

    private static void assertAuditClean(Connection db) throws Exception {
        Map<String, Long> audit = Bookings.audit(db);
        audit.forEach((finding, n) -> assertEquals(0L, n, finding));
    }

    private static void count(Map<String, AtomicInteger> outcomes, String key) {
        outcomes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
}
