package org.marquee.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marquee.it.Bookings.as;

import io.restassured.response.Response;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;

/** The hold-then-pay flow through the API, one customer at a time (concurrency: BookingConcurrencyIT). */
class BookingIT extends MarqueeIT {

    private static final String THEATRE = """
            [{"name": "Stalls", "price": "40.00", "currency": "EUR", "reservedSeating": true,
              "sections": [{"name": "S", "rows": [{"label": "A", "seats": 6}, {"label": "B", "seats": 6}]}]},
             {"name": "Standing", "price": "15.00", "currency": "EUR", "reservedSeating": false, "quantity": 20}]""";

    private record Venue(String eventId, String stalls, String standing, List<String> seats) {
    }

    private static Venue theatre(String name, String extra) {
        String body = Events.withSeatTypes(name, THEATRE);
        if (extra != null) {
            body = body.replaceFirst("\\{", "{" + extra + ", ");
        }
        Response r = Bookings.createEvent(body);
        String id = r.path("id");
        List<String> seats = api().get("/events/{id}/seats", id).path("id");
        return new Venue(id, r.path("seatTypes[0].id"), r.path("seatTypes[1].id"), seats);
    }

    private static Response hold(Account who, String body) {
        return as(who.token()).body(body).post("/bookings");
    }

    private static String seatsBody(Venue v, String... seatIds) {
        return "{\"eventId\": \"" + v.eventId() + "\", \"seatIds\": [\"" + String.join("\", \"", seatIds) + "\"]}";
    }

    @Test
    void holdThenPayBuysTheSeatsWithSignedTickets() throws Exception {
        Venue v = theatre("Full flow", null);
        Account fan = Accounts.newCustomer();
        Response held = hold(fan, seatsBody(v, v.seats().get(0), v.seats().get(1)));
        held.then().statusCode(201)
                .header("Location", notNullValue())
                .body("status", equalTo("PENDING_PAYMENT"))
                .body("eventId", equalTo(v.eventId()))
                .body("seats", hasSize(2))
                .body("seats[0].label", equalTo("S-A-1"))
                .body("seats[0].price", equalTo("40.00"))
                .body("amount", equalTo("80.00"))
                .body("currency", equalTo("EUR"))
                .body("expiresAt", notNullValue());
        String booking = held.path("id");
        Instant created = Instant.parse(held.path("createdAt"));
        Instant expires = Instant.parse(held.path("expiresAt"));
        assertEquals(600, ChronoUnit.SECONDS.between(created, expires), "the hold lasts the event's holdTtlSeconds");
        api().get("/events/{id}", v.eventId()).then().body("seatTypes[0].held", equalTo(2));

        Response paid = as(fan.token()).body("{\"paymentToken\": \"tok_visa\"}").post("/bookings/{id}/confirm", booking);
        paid.then().statusCode(200)
                .body("status", equalTo("PAID"))
                .body("paidAt", notNullValue())
                .body("tickets", hasSize(2))
                .body("tickets.code", everyItem(startsWith("MQ1.")))
                .body("tickets.seatId", hasItem(v.seats().get(0)));
        api().get("/events/{id}/seats", v.eventId()).then()
                .body("find { it.id == '" + v.seats().get(0) + "' }.status", equalTo("SOLD"));
        awaitCounts(v.eventId(), 0, 10, 0, 2);
        // confirming again changes nothing and answers the same
        as(fan.token()).body("{\"paymentToken\": \"tok_visa\"}").post("/bookings/{id}/confirm", booking).then()
                .statusCode(200).body("status", equalTo("PAID")).body("tickets.code", equalTo(paid.path("tickets.code")));
        try (Connection db = database()) {
            Bookings.awaitCaptured(db, booking);
            assertEquals(1, Bookings.count(db, "select count(*) from payment where status = 'CAPTURED' and amount = 80.00 and booking_id = '" + booking + "'"));
        }
    }

    @Test
    void chosenSeatsAreAllOrNothing() {
        Venue v = theatre("All or nothing", null);
        Account first = Accounts.newCustomer();
        Account second = Accounts.newCustomer();
        hold(first, seatsBody(v, v.seats().get(2))).then().statusCode(201);
        hold(second, seatsBody(v, v.seats().get(2), v.seats().get(3))).then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("SEATS_UNAVAILABLE"))
                .body("unavailableSeatIds", equalTo(List.of(v.seats().get(2))));
        api().get("/events/{id}/seats", v.eventId()).then()
                .body("find { it.id == '" + v.seats().get(3) + "' }.status", equalTo("AVAILABLE"));
        hold(second, seatsBody(v, v.seats().get(3))).then().statusCode(201);
    }

    @Test
    void aQuantityOfNumberedSeatsSitsTogetherAndGeneralAdmissionIsCounted() {
        Venue v = theatre("Together", null);
        Response r = hold(Accounts.newCustomer(), "{\"eventId\": \"" + v.eventId() + "\", \"seatTypeId\": \"" + v.stalls() + "\", \"quantity\": 4}");
        r.then().statusCode(201).body("seats", hasSize(4));
        List<String> labels = r.path("seats.label");
        String row = labels.get(0).substring(0, labels.get(0).lastIndexOf('-'));
        List<Integer> numbers = labels.stream().map(l -> Integer.parseInt(l.substring(l.lastIndexOf('-') + 1))).sorted().toList();
        assertTrue(labels.stream().allMatch(l -> l.startsWith(row + "-")), "one row: " + labels);
        assertEquals(numbers.get(0) + 3, (int) numbers.get(3), "adjacent: " + labels);

        hold(Accounts.newCustomer(), "{\"eventId\": \"" + v.eventId() + "\", \"seatTypeId\": \"" + v.standing() + "\", \"quantity\": 3}")
                .then().statusCode(201).body("seats", hasSize(3)).body("amount", equalTo("45.00"));
        hold(Accounts.newCustomer(), "{\"eventId\": \"" + v.eventId() + "\", \"seatIds\": [\"" + v.seats().get(0) + "\"], \"quantity\": 1}")
                .then().statusCode(400);
    }

    @Test
    void aDeclinedPaymentKeepsTheHoldAndAFailingProviderIs502() {
        Venue v = theatre("Declined", null);
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, seatsBody(v, v.seats().get(4))).then().statusCode(201).extract().path("id");
        as(fan.token()).body("{\"paymentToken\": \"tok_chargeDeclined\"}").post("/bookings/{id}/confirm", booking).then()
                .statusCode(402).contentType("application/problem+json").body("code", equalTo("PAYMENT_DECLINED"));
        as(fan.token()).get("/bookings/{id}", booking).then().statusCode(200).body("status", equalTo("PENDING_PAYMENT"));
        as(fan.token()).body("{\"paymentToken\": \"tok_processingError\"}").post("/bookings/{id}/confirm", booking).then()
                .statusCode(502).body("code", equalTo("PAYMENT_UNAVAILABLE"));
        as(fan.token()).get("/bookings/{id}", booking).then().body("status", equalTo("PENDING_PAYMENT"));
        as(fan.token()).body("{\"paymentToken\": \"tok_visa\"}").post("/bookings/{id}/confirm", booking).then()
                .statusCode(200).body("status", equalTo("PAID"));
        as(fan.token()).body("{}").post("/bookings/{id}/confirm", booking).then().statusCode(400);
    }

    @Test
    void anUnpaidHoldExpiresAndItsSeatsReturnWithinTenSeconds() throws Exception {
        Venue v = theatre("Short hold", "\"holdTtlSeconds\": 5");
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, seatsBody(v, v.seats().get(5))).then().statusCode(201).extract().path("id");
        long deadline = System.currentTimeMillis() + 5_000 + 10_000;
        String status;
        do {
            Thread.sleep(500);
            status = as(fan.token()).get("/bookings/{id}", booking).path("status");
        } while (!"TIMEOUT".equals(status) && System.currentTimeMillis() < deadline);
        assertEquals("TIMEOUT", status);
        api().get("/events/{id}/seats", v.eventId()).then()
                .body("find { it.id == '" + v.seats().get(5) + "' }.status", equalTo("AVAILABLE"));
        as(fan.token()).body("{\"paymentToken\": \"tok_visa\"}").post("/bookings/{id}/confirm", booking).then()
                .statusCode(409).body("code", equalTo("HOLD_EXPIRED"));
        // someone else can take the seat at once
        hold(Accounts.newCustomer(), seatsBody(v, v.seats().get(5))).then().statusCode(201);
    }

    @Test
    void retriesWithTheSameIdempotencyKeyGetTheFirstAnswer() {
        Venue v = theatre("Idempotent", null);
        Account fan = Accounts.newCustomer();
        String body = seatsBody(v, v.seats().get(6));
        String key = UUID.randomUUID().toString();
        Response first = as(fan.token()).header("Idempotency-Key", key).body(body).post("/bookings");
        first.then().statusCode(201);
        Response again = as(fan.token()).header("Idempotency-Key", key).body(body).post("/bookings");
        again.then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first.path("id")));
        as(fan.token()).header("Idempotency-Key", key).body(seatsBody(v, v.seats().get(7))).post("/bookings").then()
                .statusCode(422).body("code", equalTo("IDEMPOTENCY_CONFLICT"));
        as(fan.token()).get("/bookings").then().body("items.findAll { it.eventId == '" + v.eventId() + "' }", hasSize(1));

        String booking = first.path("id");
        String payKey = UUID.randomUUID().toString();
        Response paid = as(fan.token()).header("Idempotency-Key", payKey).body("{\"paymentToken\": \"tok_visa\"}").post("/bookings/{id}/confirm", booking);
        paid.then().statusCode(200);
        as(fan.token()).header("Idempotency-Key", payKey).body("{\"paymentToken\": \"tok_visa\"}").post("/bookings/{id}/confirm", booking).then()
                .statusCode(200).header("Idempotent-Replayed", "true").body("tickets.code", equalTo(paid.path("tickets.code")));
        // a failure is an answer too
        String failKey = UUID.randomUUID().toString();
        as(fan.token()).header("Idempotency-Key", failKey).body(seatsBody(v, v.seats().get(6))).post("/bookings").then().statusCode(409);
        as(fan.token()).header("Idempotency-Key", failKey).body(seatsBody(v, v.seats().get(6))).post("/bookings").then()
                .statusCode(409).header("Idempotent-Replayed", "true");
    }

    @Test
    void aCustomerSeesOnlyTheirOwnBookingsAndStaffSeeAll() {
        Venue v = theatre("Ownership", null);
        Account owner = Accounts.newCustomer();
        Account other = Accounts.newCustomer();
        String booking = hold(owner, seatsBody(v, v.seats().get(8))).then().statusCode(201).extract().path("id");
        as(other.token()).get("/bookings/{id}", booking).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        as(other.token()).body("{\"paymentToken\": \"tok_visa\"}").post("/bookings/{id}/confirm", booking).then().statusCode(404);
        as(other.token()).post("/bookings/{id}/cancel", booking).then().statusCode(404);
        as(other.token()).get("/bookings").then().statusCode(200).body("items.id", not(hasItem(booking)));
        as(owner.token()).get("/bookings").then().statusCode(200).body("items.id", hasItem(booking));
        Account staff = Accounts.withRoles("boxoffice", "BOX_OFFICE");
        as(staff.token()).get("/bookings/{id}", booking).then().statusCode(200).body("id", equalTo(booking));
        api().get("/bookings/{id}", booking).then().statusCode(401);
        as(Accounts.integratorToken()).get("/bookings/{id}", booking).then().statusCode(403);
        as(owner.token()).get("/bookings/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void cancellingReleasesAHoldAndRefundsAPurchase() throws Exception {
        Venue v = theatre("Cancel", null);
        Account fan = Accounts.newCustomer();
        String held = hold(fan, seatsBody(v, v.seats().get(9))).then().statusCode(201).extract().path("id");
        as(fan.token()).post("/bookings/{id}/cancel", held).then().statusCode(200).body("status", equalTo("CANCELLED"));
        as(fan.token()).post("/bookings/{id}/cancel", held).then().statusCode(200).body("status", equalTo("CANCELLED"));

        String paid = hold(fan, seatsBody(v, v.seats().get(9), v.seats().get(10))).then().statusCode(201).extract().path("id");
        as(fan.token()).body("{\"paymentToken\": \"tok_visa\"}").post("/bookings/{id}/confirm", paid).then().statusCode(200);
        as(fan.token()).post("/bookings/{id}/cancel", paid).then().statusCode(200).body("status", equalTo("CANCELLED"));
        api().get("/events/{id}/seats", v.eventId()).then()
                .body("find { it.id == '" + v.seats().get(10) + "' }.status", equalTo("AVAILABLE"));
        try (Connection db = database()) {
            assertEquals(1, Bookings.count(db, "select count(*) from payment where booking_id = '" + paid + "' and status = 'REFUNDED'"));
            assertEquals(0, Bookings.audit(db).values().stream().mapToLong(Long::longValue).sum(), Bookings.audit(db).toString());
        }
    }

    @Test
    void limitsAndTheSaleWindowAreEnforced() {
        Venue v = theatre("Limits", "\"maxSeatsPerBooking\": 2");
        Account fan = Accounts.newCustomer();
        hold(fan, seatsBody(v, v.seats().get(0), v.seats().get(1), v.seats().get(2))).then().statusCode(422)
                .body("code", equalTo("LIMIT_EXCEEDED"));
        hold(fan, seatsBody(v, v.seats().get(0))).then().statusCode(201);
        hold(fan, seatsBody(v, v.seats().get(1))).then().statusCode(422).body("code", equalTo("LIMIT_EXCEEDED"));

        String later = Events.minimal("Not yet").replaceFirst("\"saleStartAt\": \"[^\"]+\"",
                "\"saleStartAt\": \"" + Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\"");
        Response notYet = Bookings.createEvent(later);
        hold(fan, "{\"eventId\": \"" + notYet.path("id") + "\", \"seatTypeId\": \"" + notYet.path("seatTypes[0].id") + "\", \"quantity\": 1}")
                .then().statusCode(403).body("code", equalTo("SALE_NOT_OPEN"));
        Response gone = Bookings.createEvent(Events.minimal("Called off"));
        as(Accounts.integratorToken()).post("/events/{id}/cancel", (String) gone.path("id")).then().statusCode(200);
        hold(fan, "{\"eventId\": \"" + gone.path("id") + "\", \"seatTypeId\": \"" + gone.path("seatTypes[0].id") + "\", \"quantity\": 1}")
                .then().statusCode(403).body("code", equalTo("SALE_NOT_OPEN"));
    }

    @Test
    void badHoldRequestsAre400AndChangeNothing() throws Exception {
        Venue v = theatre("Bad requests", null);
        Account fan = Accounts.newCustomer();
        hold(fan, "{\"eventId\": \"nope\", \"seatIds\": [\"also-nope\"]}").then().statusCode(400)
                .body("errors.field", hasItem("eventId")).body("errors.field", hasItem("seatIds[0]"));
        hold(fan, "{\"eventId\": \"" + v.eventId() + "\"}").then().statusCode(400);
        hold(fan, "{\"eventId\": \"" + v.eventId() + "\", \"seatIds\": []}").then().statusCode(400);
        hold(fan, seatsBody(v, v.seats().get(0), v.seats().get(0))).then().statusCode(400);
        hold(fan, seatsBody(v, UUID.randomUUID().toString())).then().statusCode(400).body("errors.field", hasItem("seatIds"));
        hold(fan, "{\"eventId\": \"" + UUID.randomUUID() + "\", \"seatTypeId\": \"" + v.standing() + "\", \"quantity\": 1}").then().statusCode(404);
        hold(fan, "{\"eventId\": \"" + v.eventId() + "\", \"seatTypeId\": \"" + v.standing() + "\", \"quantity\": 0}").then().statusCode(400);
        hold(fan, "{oops").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        as(fan.token()).get("/bookings").then().body("items.findAll { it.eventId == '" + v.eventId() + "' }", hasSize(0));
        try (Connection db = database()) {
            assertEquals(0, Bookings.count(db, "select count(*) from booking where event_id = '" + v.eventId() + "'"));
        }
    }

    /**
     * A hold and a confirm are taken by a servlet filter before JAX-RS, unless the request is anything but
     * plain (here: an Accept with a q-value), which the resource takes: both doors give the same answers.
     */
    @Test
    void theHoldFastPathAndTheResourceAnswerAlike() {
        Venue v = theatre("Two doors", null);
        Account fan = Accounts.newCustomer();
        String standing = "{\"eventId\": \"" + v.eventId() + "\", \"seatTypeId\": \"" + v.standing() + "\", \"quantity\": 1}";
        for (String accept : List.of("application/json", "application/json;q=1.0")) {
            Account buyer = Accounts.newCustomer();   // one live hold per customer and event
            String key = UUID.randomUUID().toString();
            Response held = as(buyer.token()).header("Accept", accept).header("Idempotency-Key", key).body(standing).post("/bookings");
            held.then().statusCode(201).contentType(startsWith("application/json")).body("status", equalTo("PENDING_PAYMENT"));
            assertEquals(baseUrl() + "/api/v1/bookings/" + held.path("id"), held.header("Location"), accept);
            Response again = as(buyer.token()).header("Accept", accept).header("Idempotency-Key", key).body(standing).post("/bookings");
            again.then().statusCode(201).header("Idempotent-Replayed", "true");
            assertEquals(held.asString(), again.asString(), "a replay is the first answer, byte for byte");
            as(buyer.token()).header("Accept", accept).header("Idempotency-Key", key).body(standing.replace("1}", "2}")).post("/bookings")
                    .then().statusCode(422).contentType(startsWith("application/problem+json")).body("code", equalTo("IDEMPOTENCY_CONFLICT"));
            as(buyer.token()).header("Accept", accept).body("{}").post("/bookings/{id}/confirm", (String) held.path("id"))
                    .then().statusCode(400).contentType(startsWith("application/problem+json")).body("errors.field", hasItem("paymentToken"));
            as(buyer.token()).header("Accept", accept).body("{\"paymentToken\": \"tok_visa\"}").post("/bookings/{id}/confirm", UUID.randomUUID())
                    .then().statusCode(404).contentType(startsWith("application/problem+json")).body("code", equalTo("NOT_FOUND"));
            String payKey = UUID.randomUUID().toString();
            Response paid = as(buyer.token()).header("Accept", accept).header("Idempotency-Key", payKey).body("{\"paymentToken\": \"tok_visa\"}")
                    .post("/bookings/{id}/confirm", (String) held.path("id"));
            paid.then().statusCode(200).contentType(startsWith("application/json")).body("status", equalTo("PAID")).body("tickets", hasSize(1));
            Response paidAgain = as(buyer.token()).header("Accept", accept).header("Idempotency-Key", payKey).body("{\"paymentToken\": \"tok_visa\"}")
                    .post("/bookings/{id}/confirm", (String) held.path("id"));
            paidAgain.then().statusCode(200).header("Idempotent-Replayed", "true");
            assertEquals(paid.asString(), paidAgain.asString());
        }
        Map<String, String> malformed = new java.util.HashMap<>();
        for (String accept : List.of("application/json", "application/json;q=1.0")) {
            Response bad = as(fan.token()).header("Accept", accept).body("{oops").post("/bookings");
            bad.then().statusCode(400).contentType(startsWith("application/problem+json"));
            malformed.put(accept, bad.asString());
            as(fan.token()).header("Accept", accept).header("Idempotency-Key", "bad key").body(standing).post("/bookings")
                    .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem("Idempotency-Key"));
        }
        assertEquals(malformed.get("application/json"), malformed.get("application/json;q=1.0"));
        api().contentType("application/json").body(standing).post("/bookings").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).header("WWW-Authenticate", startsWith("Bearer"));
        as(fan.token()).contentType("text/plain").body(standing).post("/bookings").then().statusCode(415)
                .contentType(startsWith("application/problem+json"));
        as(Accounts.withRoles("door", "DOOR").token()).body(standing).post("/bookings").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    private static void awaitCounts(String eventId, int type, int available, int held, int sold) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        Map<String, Integer> counts;
        do {
            counts = api().get("/events/{id}", eventId).path("seatTypes[" + type + "]");
            if (counts.get("available") == available && counts.get("held") == held && counts.get("sold") == sold) {
                return;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        assertEquals(Map.of("available", available, "held", held, "sold", sold),
                Map.of("available", counts.get("available"), "held", counts.get("held"), "sold", counts.get("sold")));
    }
}
