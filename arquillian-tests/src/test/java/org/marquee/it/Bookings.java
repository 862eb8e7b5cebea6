package org.marquee.it;

import static io.restassured.RestAssured.given;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** Booking helpers shared by the booking tests: authenticated requests and the database audit. */
final class Bookings {

    private Bookings() {
    }

    static RequestSpecification as(String token) {
        return given(new RequestSpecBuilder().setBaseUri(MarqueeIT.baseUrl()).setBasePath("/api/v1")
                .setContentType(ContentType.JSON).setAccept(ContentType.JSON)
                .addHeader("Authorization", "Bearer " + token).build());
    }

    /** Creates an event as an integrator; returns the created event's JSON path root. */
    /**
     * Pays a hold with tok_visa as a careful client does: a 502/503 PAYMENT_UNAVAILABLE (the provider
     * timed out, was busy or its circuit is open; the hold is kept) is tried again after a pause, up to
     * five attempts. Any other answer is returned as it is.
     */
    static io.restassured.response.Response confirmRetrying(String token, String bookingId) throws InterruptedException {
        io.restassured.response.Response paid = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            paid = as(token).body("{\"paymentToken\": \"tok_visa\"}").post("/bookings/{id}/confirm", bookingId);
            if ((paid.statusCode() != 502 && paid.statusCode() != 503) || !"PAYMENT_UNAVAILABLE".equals(paid.path("code"))) {
                return paid;
            }
            Thread.sleep(1000L * attempt);
        }
        return paid;
    }

    static io.restassured.response.Response createEvent(String body) {
        return as(Accounts.integratorToken()).body(body).post("/events").then().statusCode(201).extract().response();
    }

    /** The sold-seat audit over the whole database (see {@link SeatAudit}): every number must be zero. */
    static Map<String, Long> audit(Connection db) throws SQLException {
        return SeatAudit.audit(db);
    }

    /**
     * Waits (up to 30 s) until the booking has a CAPTURED payment: a confirm answers once the seats are
     * bought, and the money is captured right after, off the buyer's path.
     */
    static void awaitCaptured(Connection db, String bookingId) throws SQLException, InterruptedException {
        String sql = "select count(*) from payment where status = 'CAPTURED' and booking_id = '" + bookingId + "'";
        for (int i = 0; i < 300 && count(db, sql) == 0; i++) {
            Thread.sleep(100);
        }
        org.junit.jupiter.api.Assertions.assertEquals(1, count(db, sql), "the payment of booking " + bookingId + " is captured");
    }

    /**
     * Waits (up to 60 s) until no paid booking's payment waits for its capture: before a test makes the
     * provider refuse or fail calls, so that the fault reaches only the test's own payments and not a
     * capture an earlier test left to the reconciler (a redeployment drops the captures queued at the time).
     */
    static void awaitCapturesSettled(Connection db) throws SQLException, InterruptedException {
        String sql = "select count(*) from payment p join booking b on b.id = p.booking_id"
                + " where p.status = 'AUTHORISED' and b.status = 'PAID'";
        for (int i = 0; i < 120 && count(db, sql) > 0; i++) {
            Thread.sleep(500);
        }
        org.junit.jupiter.api.Assertions.assertEquals(0, count(db, sql), "captures of paid bookings still waiting after 60 s");
    }

    static long count(Connection db, String sql) throws SQLException {
        return SeatAudit.count(db, sql);
    }
}
