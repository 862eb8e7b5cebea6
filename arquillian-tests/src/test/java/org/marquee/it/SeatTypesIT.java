package org.marquee.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Creating an event creates its whole seat inventory in the same transaction. */
class SeatTypesIT extends MarqueeIT {

    private static final String BOTH_KINDS = """
            [{"name": "Category 1", "price": "1600.00", "currency": "USD", "reservedSeating": true,
              "sections": [{"name": "101", "rows": [{"label": "A", "seats": 20}, {"label": "B", "seats": 22}]},
                           {"name": "102", "rows": [{"label": "A", "seats": 5}]}]},
             {"name": "Fan Zone", "price": "70", "currency": "USD", "reservedSeating": false, "quantity": 5000}]""";

    @Test
    void numberedAndGeneralAdmissionSeatsAreCreatedWithTheEvent() throws Exception {
        Response r = asIntegrator().body(Events.withSeatTypes("World Cup Final", BOTH_KINDS)).post("/events");
        r.then().statusCode(201)
                .body("seatTypes", hasSize(2))
                .body("seatTypes[0].name", equalTo("Category 1"))
                .body("seatTypes[0].price", equalTo("1600.00"))
                .body("seatTypes[0].currency", equalTo("USD"))
                .body("seatTypes[0].reservedSeating", equalTo(true))
                .body("seatTypes[0].total", equalTo(47))
                .body("seatTypes[0].available", equalTo(47))
                .body("seatTypes[0].held", equalTo(0))
                .body("seatTypes[0].sold", equalTo(0))
                .body("seatTypes[1].price", equalTo("70.00"))
                .body("seatTypes[1].total", equalTo(5000))
                .body("seatTypes[1].available", equalTo(5000))
                .body("venue.city", equalTo("Geneva"))
                .body("performers[0].name", equalTo("The Testers"))
                .body("status", equalTo("ON_SALE"));
        UUID id = UUID.fromString(r.path("id"));
        try (Connection db = database();
             PreparedStatement q = db.prepareStatement("""
                     select count(*), count(*) filter (where label = '101-B-22'), count(distinct label),
                            count(*) filter (where section is null) from seat where event_id = ?""")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals(5047, rs.getInt(1), "one row per seat and place");
                assertEquals(1, rs.getInt(2), "numbered seats are labelled SECTION-ROW-NUMBER");
                assertEquals(5047, rs.getInt(3), "labels are unique");
                assertEquals(5000, rs.getInt(4), "general admission has no section");
            }
        }
    }

    @Test
    void seatTypeMistakesAreReportedPerField() {
        String bad = """
                [{"name": "A", "price": "-5", "currency": "XYZ", "reservedSeating": true,
                  "sections": [{"name": "101", "rows": [{"label": "A", "seats": 10}, {"label": "A", "seats": 0}]}]},
                 {"name": "a", "price": "12.345", "currency": "USD", "reservedSeating": false}]""";
        asIntegrator().body(Events.withSeatTypes("Bad seats", bad)).post("/events").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("seatTypes[0].price"))
                .body("errors.field", hasItem("seatTypes[0].currency"))
                .body("errors.field", hasItem("seatTypes[0].sections[0].rows[1].label"))
                .body("errors.field", hasItem("seatTypes[0].sections[0].rows[1].seats"))
                .body("errors.field", hasItem("seatTypes[1].name"))
                .body("errors.field", hasItem("seatTypes[1].price"))
                .body("errors.field", hasItem("seatTypes[1].quantity"));
    }

    @Test
    void anEventHasAtMost200000Seats() {
        String tooMany = """
                [{"name": "Field", "price": "10.00", "currency": "USD", "reservedSeating": false, "quantity": 150000},
                 {"name": "Stands", "price": "20.00", "currency": "USD", "reservedSeating": false, "quantity": 60000}]""";
        asIntegrator().body(Events.withSeatTypes("Too big", tooMany)).post("/events").then().statusCode(400)
                .body("errors.find { it.field == 'seatTypes' }.message", containsString("200000"));
    }

    @Test
    void venueMustBeComplete() {
        String body = Events.minimal("No city").replace("\"city\": \"Geneva\", \"country\": \"CH\"", "\"country\": \"Switzerland\"");
        asIntegrator().body(body).post("/events").then().statusCode(400)
                .body("errors.field", hasItem("venue.city"))
                .body("errors.field", hasItem("venue.country"));
    }
}
