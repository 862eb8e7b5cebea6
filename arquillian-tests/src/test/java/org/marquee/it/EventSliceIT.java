package org.marquee.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The first vertical slice: create and read an event through every layer, and the errors a client sees. */
class EventSliceIT extends MarqueeIT {

    @Test
    void createdEventCanBeReadBackAndIsStoredInPostgres() throws Exception {
        Response created = asIntegrator().body(Events.minimal("Jazz at the Lake")).post("/events");
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/events/"))
                .body("id", notNullValue())
                .body("name", equalTo("Jazz at the Lake"))
                .body("category", equalTo("CONCERT"))
                .body("status", equalTo("ON_SALE"))
                .body("holdTtlSeconds", equalTo(600))
                .body("maxSeatsPerBooking", equalTo(8));
        String id = created.path("id");
        created.then().header("Location", endsWith("/api/v1/events/" + id));

        api().get("/events/{id}", id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Jazz at the Lake"))
                .body("startAt", equalTo(created.path("startAt")))
                .body("additionalInfo", equalTo(java.util.Map.of()));

        try (Connection db = database();
             PreparedStatement q = db.prepareStatement("select name, category from event where id = ?")) {
            q.setObject(1, UUID.fromString(id));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals("Jazz at the Lake", rs.getString(1));
                assertEquals("CONCERT", rs.getString(2));
            }
        }
    }

    @Test
    void everyEventChangeWritesAnOutboxEntryInTheSameTransaction() throws Exception {
        String id = asIntegrator().body(Events.minimal("Outbox check")).post("/events").then().statusCode(201).extract().path("id");
        try (Connection db = database();
             PreparedStatement q = db.prepareStatement("select event_type from outbox where aggregate_type = 'event' and aggregate_id = ?")) {
            q.setObject(1, UUID.fromString(id));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals("EventCreated", rs.getString(1));
            }
        }
    }

    @Test
    void unknownEventIs404Problem() {
        api().get("/events/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"))
                .body("status", equalTo(404))
                .body("title", notNullValue())
                .body("type", notNullValue());
        api().get("/events/not-a-uuid").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void malformedJsonIs400ValidationFailed() {
        asIntegrator().body("{\"name\": \"broken\", ").post("/events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"));
        asIntegrator().body("[1,2,3]").post("/events").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void wrongTypeIs400() {
        String body = Events.minimal("Types").replace("\"category\": \"CONCERT\"", "\"category\": \"CONCERT\", \"holdTtlSeconds\": \"soon\"");
        asIntegrator().body(body).post("/events").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void missingAndInvalidFieldsAreListed() {
        asIntegrator().body("{\"category\": \"CIRCUS\", \"holdTtlSeconds\": 2}").post("/events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("category"))
                .body("errors.field", hasItem("startAt"))
                .body("errors.field", hasItem("holdTtlSeconds"));
    }

    @Test
    void saleWindowMustLieBeforeTheEvent() {
        String body = """
                {"name": "Late sale", "category": "SPORTS", "startAt": "2030-01-01T18:00:00Z",
                 "saleStartAt": "2029-12-01T00:00:00Z", "saleEndAt": "2030-01-02T00:00:00Z"}""";
        asIntegrator().body(body).post("/events").then().statusCode(400)
                .body("errors.field", hasItem("saleEndAt"));
    }

    @Test
    void malformedTimesAreFieldErrors() {
        String body = Events.minimal("Bad times")
                .replaceFirst("\"startAt\": \"[^\"]+\"", "\"startAt\": \"next Friday\"")
                .replaceFirst("\"saleEndAt\": \"[^\"]+\"", "\"saleEndAt\": \"2026-13-45T99:00:00Z\"");
        asIntegrator().body(body).post("/events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("startAt"))
                .body("errors.field", hasItem("saleEndAt"));
    }

    @Test
    void badInputChangesNothing() throws Exception {
        long before = countEvents();
        asIntegrator().body("{\"name\": \"\"}").post("/events").then().statusCode(400);
        asIntegrator().body("{").post("/events").then().statusCode(400);
        assertEquals(before, countEvents());
    }

    @Test
    void duplicateCodeIsConflict() {
        String body = Events.minimal("Twice");
        asIntegrator().body(body).post("/events").then().statusCode(201);
        asIntegrator().body(body).post("/events").then().statusCode(409).body("code", equalTo("CONFLICT"));
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        String huge = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";
        asIntegrator().body(huge).post("/events").then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() {
        api().get("/no-such-thing").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        api().delete("/events/{id}", UUID.randomUUID()).then().statusCode(405)
                .contentType("application/problem+json").body("code", equalTo("METHOD_NOT_ALLOWED"));
        asIntegrator().contentType("text/plain").body("hello").post("/events").then().statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    private static long countEvents() throws Exception {
        try (Connection db = database(); ResultSet rs = db.createStatement().executeQuery("select count(*) from event")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
