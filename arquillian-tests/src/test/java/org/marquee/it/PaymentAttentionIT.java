package org.marquee.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.marquee.it.Bookings.as;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;

/**
 * Money never drifts silently: the payment simulator refuses captures or refunds for good (its
 * {@code refuse} fault: an expired authorisation, a refund the processor declines), the payment ends
 * NEEDS_ATTENTION, is counted in {@code marquee_payments_needing_attention}, listed for staff with its
 * booking and customer, and each staff action (retry, cancel and release, mark settled) ends it, checked
 * against Marquee's tables and the simulator's ledger.
 */
class PaymentAttentionIT extends MarqueeIT {

    private static final String VISA = "{\"paymentToken\": \"tok_visa\"}";

    @BeforeEach
    @AfterEach
    void providerUp() {
        provider().post("/control/reset").then().statusCode(200);
    }

    @Test
    void aRefusedCaptureNeedsAttentionKeepsTheSaleAndARetryCapturesOnceTheProviderAgrees() throws Exception {
        Sale sale = sale("Refused capture, retried", 5);
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, sale, 2);
        simulate("{\"refuse\": [\"capture\"]}");
        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(200).body("status", equalTo("PAID"));
        String payment = awaitAttention(booking, "CAPTURE");
        try (Connection db = database()) {
            assertEquals("authorisation_expired", one(db, "select failure_code from payment where id = '" + payment + "'"));
            assertEquals(db(db, "select count(*) from payment where status = 'NEEDS_ATTENTION'"), metric("marquee_payments_needing_attention"),
                    "the gauge counts the installation's payments that need attention");
        }
        assertTrue(metric("marquee_payments_attention_total", "operation=\"capture\"", "reason=\"authorisation_expired\"") >= 1);
        // the rule meanwhile: the sale stands, seats sold, tickets valid
        as(fan.token()).get("/bookings/{id}", booking).then().body("status", equalTo("PAID")).body("tickets.size()", equalTo(2));
        assertEquals("authorised", ledgerState(payment), "the provider still holds the authorisation");

        // staff see it with its booking, customer, amount and what failed; a customer may not
        Response listed = asAdmin().get("/admin/payments/attention").then().statusCode(200).extract().response();
        List<Map<String, Object>> items = listed.path("findAll { it.paymentId == '" + payment + "' }");
        assertEquals(1, items.size(), listed.asString());
        Map<String, Object> item = items.get(0);
        assertEquals(booking, item.get("bookingId"));
        assertEquals("PAID", item.get("bookingStatus"));
        assertEquals(fan.email(), item.get("customerEmail"));
        assertEquals("CAPTURE", item.get("failed"));
        assertEquals("authorisation_expired", item.get("failureCode"));
        assertEquals(60.0, ((Number) item.get("amount")).doubleValue(), 0.001);
        as(fan.token()).get("/admin/payments/attention").then().statusCode(403).contentType(startsWith("application/problem+json"));

        // nothing retries it by itself: after two reconciler runs it is where it was
        Thread.sleep(31_000);
        try (Connection db = database()) {
            assertEquals("NEEDS_ATTENTION", one(db, "select status from payment where id = '" + payment + "'"));
        }
        // a retry while the provider still refuses: a new key, refused again, still needs attention
        asAdmin().post("/admin/payments/{id}/retry", payment).then().statusCode(200).body("paymentStatus", equalTo("NEEDS_ATTENTION"));
        provider().post("/control/reset").then().statusCode(200);
        asAdmin().post("/admin/payments/{id}/retry", payment).then().statusCode(200)
                .body("paymentStatus", equalTo("CAPTURED")).body("bookingStatus", equalTo("PAID"));
        assertEquals("captured", ledgerState(payment));
        try (Connection db = database()) {
            assertEquals("2", one(db, "select settle_round from payment where id = '" + payment + "'"));
            assertEquals(List.of("PENDING", "AUTHORISED", "NEEDS_ATTENTION", "AUTHORISED", "NEEDS_ATTENTION", "AUTHORISED", "CAPTURED"),
                    history(db, payment), "every step is in the payment's history");
            assertEquals(db(db, "select count(*) from payment where status = 'NEEDS_ATTENTION'"), metric("marquee_payments_needing_attention"));
        }
        // done is done: another action is a conflict, a bad id names nothing
        asAdmin().post("/admin/payments/{id}/retry", payment).then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("CONFLICT"));
        asAdmin().post("/admin/payments/{id}/mark-settled", "not-a-payment").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void cancelAndReleaseEndsTheBookingFreesItsSeatsAndVoidsTheAuthorisation() throws Exception {
        Sale sale = sale("Refused capture, cancelled", 2);
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, sale, 2);
        simulate("{\"refuse\": [\"capture\"]}");
        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(200);
        String payment = awaitAttention(booking, "CAPTURE");
        Account other = Accounts.newCustomer();
        as(other.token()).body(holdBody(sale, 1)).post("/bookings").then().statusCode(409);

        asAdmin().post("/admin/payments/{id}/cancel-booking", payment).then().statusCode(200)
                .body("paymentStatus", equalTo("VOIDED")).body("bookingStatus", equalTo("CANCELLED"));
        assertEquals("voided", ledgerState(payment), "the provider released the authorisation");
        as(fan.token()).get("/bookings/{id}", booking).then().body("status", equalTo("CANCELLED"));
        hold(other, sale, 2);
        try (Connection db = database()) {
            assertEquals(0, SeatAudit.audit(db).values().stream().mapToLong(Long::longValue).sum(), SeatAudit.audit(db).toString());
        }
    }

    @Test
    void markSettledKeepsTheSaleAndRecordsWhoSettledIt() throws Exception {
        Sale sale = sale("Refused capture, settled by hand", 3);
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, sale, 1);
        simulate("{\"refuse\": [\"capture\"]}");
        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(200);
        String payment = awaitAttention(booking, "CAPTURE");
        Account clerk = Accounts.withRoles("clerk", "BOX_OFFICE");
        api(clerk.token()).post("/admin/payments/{id}/mark-settled", payment).then().statusCode(200)
                .body("paymentStatus", equalTo("CAPTURED")).body("bookingStatus", equalTo("PAID"));
        try (Connection db = database()) {
            String detail = one(db, "select detail from payment_event where payment_id = '" + payment + "' order by id desc limit 1");
            assertTrue(detail.startsWith("settled_by_staff: marked settled by staff " + clerk.id()), detail);
        }
        api(clerk.token()).get("/admin/payments/attention").then().statusCode(200)
                .body("findAll { it.paymentId == '" + payment + "' }.size()", equalTo(0));
    }

    @Test
    void aRefusedRefundNeedsAttentionCannotBeCancelledAgainAndIsRefundedByARetry() throws Exception {
        Sale sale = sale("Refused refund", 3);
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, sale, 1);
        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(200);
        String payment;
        try (Connection db = database()) {
            Bookings.awaitCaptured(db, booking);
            payment = one(db, "select cast(id as text) from payment where booking_id = '" + booking + "' and status = 'CAPTURED'");
        }
        assertEquals("captured", ledgerState(payment));
        simulate("{\"refuse\": [\"refund\"]}");
        as(fan.token()).post("/bookings/{id}/cancel", booking).then().statusCode(200).body("status", equalTo("CANCELLED"));
        awaitAttention(booking, "REFUND");
        assertEquals("captured", ledgerState(payment), "the money is still with the provider: not silently REFUNDED");
        asAdmin().get("/admin/payments/attention").then().statusCode(200)
                .body("findAll { it.paymentId == '" + payment + "' }.failed", hasItem("REFUND"))
                .body("findAll { it.paymentId == '" + payment + "' }.failureCode", hasItem("refund_refused"));

        asAdmin().post("/admin/payments/{id}/cancel-booking", payment).then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("detail", notNullValue());
        provider().post("/control/reset").then().statusCode(200);
        asAdmin().post("/admin/payments/{id}/retry", payment).then().statusCode(200).body("paymentStatus", equalTo("REFUNDED"));
        assertEquals("refunded", ledgerState(payment));
    }

    // ------------------------------------------------------------------------------------- helpers

    private record Sale(String eventId, String seatTypeId) {
    }

    private static Sale sale(String name, int places) {
        String body = Events.withSeatTypes(name, """
                [{"name": "Floor", "price": "30.00", "currency": "EUR", "reservedSeating": false, "quantity": %d}]""".formatted(places));
        Response r = Bookings.createEvent(body);
        return new Sale(r.path("id"), r.path("seatTypes[0].id"));
    }

    private static String holdBody(Sale sale, int quantity) {
        return "{\"eventId\": \"" + sale.eventId() + "\", \"seatTypeId\": \"" + sale.seatTypeId() + "\", \"quantity\": " + quantity + "}";
    }

    private static String hold(Account fan, Sale sale, int quantity) {
        return as(fan.token()).body(holdBody(sale, quantity)).post("/bookings").then().statusCode(201).extract().path("id");
    }

    /** Waits until the booking's payment needs attention for {@code step}; returns its id. */
    private static String awaitAttention(String booking, String step) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        try (Connection db = database()) {
            while (System.currentTimeMillis() < deadline) {
                String id = one(db, "select cast(id as text) from payment where booking_id = '" + booking
                        + "' and status = 'NEEDS_ATTENTION' and attention_operation = '" + step + "'");
                if (id != null) {
                    return id;
                }
                Thread.sleep(500);
            }
        }
        fail("the payment of booking " + booking + " did not come to need attention for " + step);
        return null;
    }

    private static RequestSpecification provider() {
        return RestAssured.given().baseUri(System.getProperty("marquee.payment.simulator.url"));
    }

    /** Sets the simulator's faults once no capture of an earlier test is still owed, so that they hit this test's payments only. */
    private static void simulate(String settings) throws SQLException, InterruptedException {
        try (Connection db = database()) {
            Bookings.awaitCapturesSettled(db);
        }
        provider().contentType(ContentType.JSON).body(settings).put("/control").then().statusCode(200);
    }

    /** The simulator's state of the payment's charge. */
    private static String ledgerState(String payment) throws SQLException {
        String reference;
        try (Connection db = database()) {
            reference = one(db, "select provider_reference from payment where id = '" + payment + "'");
        }
        List<Map<String, Object>> all = provider().get("/control/payments").then().statusCode(200).extract().path("$");
        return all.stream().collect(Collectors.toMap(p -> (String) p.get("reference"), p -> (String) p.get("state"))).get(reference);
    }

    private static List<String> history(Connection db, String payment) throws SQLException {
        try (var s = db.createStatement();
             ResultSet rs = s.executeQuery("select status from payment_event where payment_id = '" + payment + "' order by id")) {
            List<String> statuses = new java.util.ArrayList<>();
            while (rs.next()) {
                statuses.add(rs.getString(1));
            }
            return statuses;
        }
    }

    private static String one(Connection db, String sql) throws SQLException {
        return SeatAudit.one(db, sql);
    }

    private static long db(Connection db, String sql) throws SQLException {
        return SeatAudit.count(db, sql);
    }

    /** A counter or gauge of /metrics (application scope) carrying every given label, 0 if absent. */
    private static long metric(String name, String... labels) {
        String text = server().accept("text/plain").get("/metrics?scope=application").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{([^}]*)\\})?\\s+([0-9.E+-]+)").matcher(text);
        while (m.find()) {
            String found = m.group(1) == null ? "" : m.group(1);
            if (java.util.Arrays.stream(labels).allMatch(found::contains)) {
                return (long) Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
