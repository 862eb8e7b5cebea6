package org.marquee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marquee.it.Bookings.as;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;

/**
 * Group commit of holds: requests fired together share batches (one transaction, one database call),
 * yet each gets its own answer. Winners are held, a seat taken by a batch-mate, a limit, a closed sale
 * and a malformed request are refused for that request only, retries with the same Idempotency-Key get
 * the first answer, and nothing is held twice.
 */
class HoldBatchingIT extends MarqueeIT {

    private static final String HALL = """
            [{"name": "Hall", "price": "30.00", "currency": "EUR", "reservedSeating": true,
              "sections": [{"name": "H", "rows": [{"label": "A", "seats": 20}]}]},
             {"name": "Floor", "price": "20.00", "currency": "EUR", "reservedSeating": false, "quantity": 200}]""";

    /** One request of the burst and the answer it must get. */
    private record Shot(String name, Account who, String body, String key, int status, String code) {
    }

    private record Answer(Shot shot, int status, String code, String id, String body) {
    }

    @Test
    void holdsFiredTogetherShareBatchesAndEachGetsItsOwnAnswer() throws Exception {
        Response hall = Bookings.createEvent(Events.withSeatTypes("Batch hall", HALL));
        String eventId = hall.path("id");
        String floor = hall.path("seatTypes[1].id");
        List<String> seats = api().get("/events/{id}/seats", eventId).path("id");
        Response shut = Bookings.createEvent(Events.minimal("Batch closed"));
        try (Connection db = database(); Statement s = db.createStatement()) {
            s.executeUpdate("update event set sale_start_at = now() - interval '2 hours', sale_end_at = now() - interval '1 minute' where id = '"
                    + shut.path("id") + "'");
        }
        List<Account> fans = Accounts.newCustomers(48);

        List<Shot> shots = new ArrayList<>();
        int f = 0;
        for (int i = 0; i < 16; i++) {                    // general admission: all held
            shots.add(new Shot("floor", fans.get(f++), quantity(eventId, floor, 2), key(), 201, null));
        }
        for (int pair = 0; pair < 8; pair++) {            // two fans want the same two seats: one wins
            String body = "{\"eventId\": \"" + eventId + "\", \"seatIds\": [\"" + seats.get(2 * pair) + "\", \"" + seats.get(2 * pair + 1) + "\"]}";
            shots.add(new Shot("pair" + pair, fans.get(f++), body, key(), 0, null));
            shots.add(new Shot("pair" + pair, fans.get(f++), body, key(), 0, null));
        }
        for (int i = 0; i < 4; i++) {                     // more than the event's 8 seats per booking
            shots.add(new Shot("too many", fans.get(f++), quantity(eventId, floor, 9), key(), 422, "LIMIT_EXCEEDED"));
        }
        for (int i = 0; i < 4; i++) {                     // the sale is over
            shots.add(new Shot("closed", fans.get(f++), quantity((String) shut.path("id"), (String) shut.path("seatTypes[0].id"), 1), key(),
                    403, "SALE_NOT_OPEN"));
        }
        for (int i = 0; i < 4; i++) {                     // two holds of one fan at once: the live-hold cap lets one through
            Account fan = fans.get(f++);
            shots.add(new Shot("twice" + i, fan, quantity(eventId, floor, 1), key(), 0, null));
            shots.add(new Shot("twice" + i, fan, quantity(eventId, floor, 1), key(), 0, null));
        }
        for (int i = 0; i < 4; i++) {                     // malformed: refused before any batch
            shots.add(new Shot("malformed", fans.get(f++), "{\"eventId\": \"nope\", \"seatTypeId\": \"" + floor + "\", \"quantity\": 1}", key(),
                    400, "VALIDATION_FAILED"));
        }
        shots.add(new Shot("unreadable", fans.get(0), "{\"eventId\": ", null, 400, "VALIDATION_FAILED"));

        double[] before = batchSizes();
        List<Answer> answers = fire(shots);
        double[] after = batchSizes();

        List<String> wrong = new ArrayList<>();
        for (Answer a : answers) {
            if (a.shot().status() != 0 && (a.status() != a.shot().status() || (a.shot().code() != null && !a.shot().code().equals(a.code())))) {
                wrong.add(a.shot().name() + ": " + a.status() + " " + a.body());
            }
        }
        assertEquals(List.of(), wrong, "each request gets its own answer");
        for (int pair = 0; pair < 8; pair++) {
            String name = "pair" + pair;
            List<Answer> both = answers.stream().filter(a -> a.shot().name().equals(name)).toList();
            assertEquals(1, both.stream().filter(a -> a.status() == 201).count(), name + ": " + both);
            assertEquals(1, both.stream().filter(a -> a.status() == 409 && "SEATS_UNAVAILABLE".equals(a.code())).count(), name + ": " + both);
        }
        for (int i = 0; i < 4; i++) {
            String name = "twice" + i;
            List<Answer> both = answers.stream().filter(a -> a.shot().name().equals(name)).toList();
            assertEquals(1, both.stream().filter(a -> a.status() == 201).count(), name + ": " + both);
            assertEquals(1, both.stream().filter(a -> a.status() == 422 && "LIMIT_EXCEEDED".equals(a.code())).count(), name + ": " + both);
        }

        // the same requests again, with the same keys: the first answers, marked as replayed
        for (Answer a : answers) {
            if (a.shot().key() == null) {
                continue;
            }
            Response again = as(a.shot().who().token()).header("Idempotency-Key", a.shot().key()).body(a.shot().body()).post("/bookings");
            assertEquals(a.status(), again.statusCode(), a.shot().name() + " replayed: " + again.asString());
            assertEquals("true", again.header("Idempotent-Replayed"), a.shot().name() + " replayed");
            assertEquals(a.body(), again.asString(), a.shot().name() + " replays the first answer");
        }
        // another request under a used key is a conflict
        Answer held = answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow();
        as(held.shot().who().token()).header("Idempotency-Key", held.shot().key()).body(quantity(eventId, floor, 3)).post("/bookings")
                .then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("IDEMPOTENCY_CONFLICT"));

        // what the answers say is what the database holds, once each
        Set<String> heldSeats = new HashSet<>();
        int heldCount = 0;
        for (Answer a : answers) {
            if (a.status() == 201) {
                Response view = as(a.shot().who().token()).get("/bookings/{id}", a.id());
                view.then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("PENDING_PAYMENT"));
                List<String> ids = view.path("seats.id");
                heldCount += ids.size();
                heldSeats.addAll(ids);
            }
        }
        assertEquals(heldCount, heldSeats.size(), "no seat is held by two bookings");
        try (Connection db = database()) {
            assertEquals(heldCount, Bookings.count(db, "select count(*) from seat where status = 'HELD' and event_id = '" + eventId + "'"));
            for (Map.Entry<String, Long> finding : SeatAudit.audit(db).entrySet()) {
                assertEquals(0L, finding.getValue(), finding.getKey());
            }
        }

        assertEquals(before[3], batchSizes()[3], "no batch failed as a whole (and had to be run one by one)");
        assertTrue(after[1] > before[1], "batches were counted");
        double holdsPerBatch = (after[0] - before[0]) / (after[1] - before[1]);
        assertTrue(holdsPerBatch > 1 || after[2] > 1,
                "requests fired together share batches: " + holdsPerBatch + " a batch, largest " + after[2]);
    }

    private static String quantity(String eventId, String seatTypeId, int quantity) {
        return "{\"eventId\": \"" + eventId + "\", \"seatTypeId\": \"" + seatTypeId + "\", \"quantity\": " + quantity + "}";
    }

    private static String key() {
        return "batch-" + UUID.randomUUID();
    }

    private static List<Answer> fire(List<Shot> shots) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(shots.size());
        try {
            List<Future<Answer>> runs = new ArrayList<>();
            for (Shot shot : shots) {
                runs.add(pool.submit(() -> {
                    start.await();
                    var request = as(shot.who().token()).body(shot.body());
                    if (shot.key() != null) {
                        request = request.header("Idempotency-Key", shot.key());
                    }
                    Response r = request.post("/bookings");
                    boolean problem = r.contentType() != null && r.contentType().startsWith("application/problem+json");
                    return new Answer(shot, r.statusCode(), problem ? r.path("code") : null, r.statusCode() == 201 ? r.path("id") : null,
                            r.asString());
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> run : runs) {
                answers.add(run.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The batch-size histogram and the whole-batch failures: {sum, count, max, retried}. */
    private static double[] batchSizes() {
        String text = server().accept("text/plain").get("/metrics?scope=application").then().statusCode(200).extract().asString();
        return new double[] {value(text, "marquee_hold_batch_size_sum"), value(text, "marquee_hold_batch_size_count"),
                value(text, "marquee_hold_batch_size_max"), value(text, "marquee_hold_batches_retried_total")};
    }

    private static double value(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})?\\s+([0-9.E+-]+)").matcher(text);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }
}
