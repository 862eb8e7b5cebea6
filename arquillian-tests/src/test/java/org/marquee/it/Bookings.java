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
    static io.restassured.response.Response createEvent(String body) {
        return as(Accounts.integratorToken()).body(body).post("/events").then().statusCode(201).extract().response();
    }

    /** The sold-seat audit over the whole database (see {@link SeatAudit}): every number must be zero. */
    static Map<String, Long> audit(Connection db) throws SQLException {
        return SeatAudit.audit(db);
    }

    static long count(Connection db, String sql) throws SQLException {
        return SeatAudit.count(db, sql);
    }
}
