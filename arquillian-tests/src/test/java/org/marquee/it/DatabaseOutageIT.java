package org.marquee.it;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marquee.it.Bookings.as;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;

/**
 * PostgreSQL going away under a running server, as a restart does to it: every connection of the
 * server's pool is terminated ({@code pg_terminate_backend}, this test database's backends only: the
 * PostgreSQL cluster is shared, so a real restart is not tried here; docs/operations.md describes it).
 * Requests caught in flight are answered 503 problem+json with Retry-After, never a 500 or HTML; the pool
 * reconnects by itself and the sale goes on without restarting Payara; every acknowledged hold is in
 * the database and the seat audit is clean.
 */
class DatabaseOutageIT extends MarqueeIT {

    private static final String VISA = "{\"paymentToken\": \"tok_visa\"}";

    @Test
    void terminatedConnectionsCost503sAtMostAndTheSaleGoesOnWithoutARestart() throws Exception {
        Response created = Bookings.createEvent(Events.withSeatTypes("Database restart", """
                [{"name": "Floor", "price": "20.00", "currency": "EUR", "reservedSeating": false, "quantity": 2000}]"""));
        String eventId = created.path("id");
        String seatTypeId = created.path("seatTypes[0].id");
        String hold = "{\"eventId\": \"" + eventId + "\", \"seatTypeId\": \"" + seatTypeId + "\", \"quantity\": 1}";
        List<Account> buyers = Accounts.newCustomers(8);

        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> badAnswers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(buyers.size());
        List<Future<?>> clients = new ArrayList<>();
        for (Account buyer : buyers) {
            clients.add(pool.submit(() -> {
                while (running.get()) {
                    Response r = as(buyer.token()).body(hold).post("/bookings");
                    record(r, statuses, badAnswers);
                    if (r.statusCode() == 201) {
                        String booking = r.path("id");
                        acknowledged.add(booking);
                        Response paid = as(buyer.token()).body(VISA).post("/bookings/{id}/confirm", booking);
                        record(paid, statuses, badAnswers);
                    }
                    record(api().get("/events/{id}", eventId), statuses, badAnswers);
                }
                return null;
            }));
        }
        Thread.sleep(3_000);
        long terminated = 0;
        for (int i = 0; i < 3; i++) {
            terminated += terminateServerConnections();
            Thread.sleep(2_000);
        }
        Thread.sleep(3_000);
        running.set(false);
        for (Future<?> c : clients) {
            c.get(2, TimeUnit.MINUTES);
        }
        pool.shutdownNow();

        assertTrue(terminated > 0, "the server's connections were terminated");
        assertTrue(badAnswers.isEmpty(), "only 2xx, expected refusals or 503 problem+json with Retry-After: " + badAnswers);
        System.out.println("[DatabaseOutageIT] statuses clients saw: " + new TreeMap<>(statuses) + "; " + terminated
                + " connections terminated; " + acknowledged.size() + " holds acknowledged");

        // the sale goes on through the same server: a new buyer holds and pays
        Account late = Accounts.newCustomer();
        // the buyers' loop may have used up this address's hold rate: a client waits as Retry-After says
        Response lateHold = as(late.token()).body(hold).post("/bookings");
        for (int i = 0; i < 30 && lateHold.statusCode() == 429; i++) {
            String wait = lateHold.header("Retry-After");
            Thread.sleep(1_000L * (wait == null ? 1 : Math.max(1, Integer.parseInt(wait))));
            lateHold = as(late.token()).body(hold).post("/bookings");
        }
        String booking = lateHold.then().statusCode(201).extract().path("id");
        as(late.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(200).body("status", equalTo("PAID"));
        server().get("/health/ready").then().statusCode(200);

        try (Connection db = database()) {
            for (String id : acknowledged) {
                assertEquals(1, SeatAudit.count(db, "select count(*) from booking where id = '" + id + "'"), "acknowledged hold " + id + " is kept");
            }
            Map<String, Long> audit = SeatAudit.audit(db);
            assertTrue(audit.values().stream().allMatch(n -> n == 0), audit.toString());
        }
    }

    /** Terminates every backend of the server's pool on this test database; returns how many. */
    private static long terminateServerConnections() throws SQLException {
        try (Connection db = database()) {
            return SeatAudit.count(db, """
                    select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity
                     where datname = current_database() and pid <> pg_backend_pid() and application_name like 'marquee-%') t""");
        }
    }

    private static void record(Response r, Map<Integer, Integer> statuses, ConcurrentLinkedQueue<String> bad) {
        int status = r.statusCode();
        statuses.merge(status, 1, Integer::sum);
        String type = String.valueOf(r.contentType());
        boolean ok = switch (status) {
            case 200, 201 -> type.startsWith("application/json");
            case 402, 409, 422, 429 -> type.startsWith("application/problem+json");
            case 502 -> type.startsWith("application/problem+json");
            case 503 -> type.startsWith("application/problem+json") && r.header("Retry-After") != null;
            default -> false;
        };
        if (!ok && bad.size() < 20) {
            bad.add(status + " " + type + " " + r.asString().substring(0, Math.min(200, r.asString().length())));
        }
    }
}
