package org.marquee.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The event catalog: list, view with ETag, patch, cancel, seat map, and the cached view path. */
class CatalogIT extends MarqueeIT {

    /** Two numbered seat types (5 and 4 seats) and a general-admission one. */
    static final String NUMBERED = """
            [{"name": "Stalls", "price": "55.50", "currency": "GBP", "reservedSeating": true,
              "sections": [{"name": "S", "rows": [{"label": "A", "seats": 3}, {"label": "B", "seats": 2}]}]},
             {"name": "Circle", "price": "35.00", "currency": "GBP", "reservedSeating": true,
              "sections": [{"name": "C", "rows": [{"label": "A", "seats": 4}]}]},
             {"name": "Standing", "price": "20.00", "currency": "GBP", "reservedSeating": false, "quantity": 50}]""";

    private static String create(String body) {
        return asIntegrator().body(body).post("/events").then().statusCode(201).extract().path("id");
    }

    @Test
    void viewCarriesAnETagAndAnswers304WhenUnchanged() {
        String id = create(Events.minimal("ETag show"));
        Response first = api().get("/events/{id}", id);
        first.then().statusCode(200).header("ETag", notNullValue())
                .header("Cache-Control", containsString("max-age"));
        String etag = first.header("ETag");
        api().header("If-None-Match", etag).get("/events/{id}", id).then().statusCode(304).header("ETag", equalTo(etag));
        api().header("If-None-Match", "\"something-else\"").get("/events/{id}", id).then().statusCode(200);
    }

    @Test
    void aPatchIsVisibleOnTheNextViewAndChangesTheETag() {
        String id = create(Events.minimal("Before"));
        String etag = api().get("/events/{id}", id).header("ETag");
        asIntegrator().contentType("application/merge-patch+json")
                .body("{\"name\": \"After\", \"description\": \"Now with strings\", \"additionalInfo\": {\"ageLimit\": 18},"
                        + " \"venue\": {\"city\": \"Lausanne\"}, \"performers\": [{\"name\": \"New Band\"}]}")
                .patch("/events/{id}", id).then().statusCode(200)
                .body("name", equalTo("After"));
        Response after = api().get("/events/{id}", id);
        after.then().statusCode(200)
                .body("name", equalTo("After"))
                .body("description", equalTo("Now with strings"))
                .body("additionalInfo.ageLimit", equalTo(18))
                .body("venue.city", equalTo("Lausanne"))
                .body("venue.name", equalTo("Lakeside Arena"))
                .body("performers.name", equalTo(List.of("New Band")));
        assertTrue(!etag.equals(after.header("ETag")), "a change gives a new ETag");
        api().header("If-None-Match", etag).get("/events/{id}", id).then().statusCode(200);

        // null removes an optional field (merge patch); plain application/json is accepted too
        asIntegrator().body("{\"description\": null}").patch("/events/{id}", id).then().statusCode(200);
        api().get("/events/{id}", id).then().body("description", equalTo(null));
    }

    @Test
    void patchRefusesFixedFieldsWrongTypesAndABadSaleWindow() {
        String id = create(Events.minimal("Strict"));
        String etag = api().get("/events/{id}", id).header("ETag");
        asIntegrator().body("{\"code\": \"NEW\", \"seatTypes\": [], \"colour\": \"red\"}").patch("/events/{id}", id).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("seatTypes"))
                .body("errors.field", hasItem("colour"));
        asIntegrator().body("{\"holdTtlSeconds\": \"long\", \"name\": 7, \"saleEndAt\": \"yesterday\"}").patch("/events/{id}", id).then().statusCode(400)
                .body("errors.field", hasItem("holdTtlSeconds"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("saleEndAt"));
        asIntegrator().body("{\"saleEndAt\": \"2099-01-01T00:00:00Z\"}").patch("/events/{id}", id).then().statusCode(400)
                .body("errors.field", hasItem("saleEndAt"));
        asIntegrator().body("[]").patch("/events/{id}", id).then().statusCode(400);
        asIntegrator().body("{nope").patch("/events/{id}", id).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        asIntegrator().body("{\"name\": \"x\"}").patch("/events/{id}", UUID.randomUUID()).then().statusCode(404);
        // nothing changed
        api().header("If-None-Match", etag).get("/events/{id}", id).then().statusCode(304);
    }

    @Test
    void cancelledEventsAreCancelledOnceLeaveTheListAndCannotBeChanged() {
        String id = create(Events.minimal("Rained off"));
        api().get("/events?size=100").then().statusCode(200);
        asIntegrator().post("/events/{id}/cancel", id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        asIntegrator().post("/events/{id}/cancel", id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        api().get("/events/{id}", id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        asIntegrator().body("{\"name\": \"Sunny\"}").patch("/events/{id}", id).then().statusCode(409).body("code", equalTo("CONFLICT"));
        for (int page = 0; ; page++) {
            Response r = api().queryParam("page", page).queryParam("size", 100).get("/events");
            r.then().statusCode(200).body("items.id", not(hasItem(id)));
            if (r.<List<?>>path("items").size() < 100) {
                break;
            }
        }
        asIntegrator().post("/events/{id}/cancel", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void listShowsUpcomingEventsSoonestFirstInPages() {
        String soon = create(Events.minimal("Listed soon").replaceFirst("\"startAt\": \"[^\"]+\"", "\"startAt\": \"" + Instant.now().plusSeconds(86400L * 29 + 3600) + "\""));
        String later = create(Events.minimal("Listed later"));
        Response all = api().queryParam("size", 100).get("/events");
        all.then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(100))
                .body("total", greaterThanOrEqualTo(2))
                .body("items.id", hasItem(soon)).body("items.id", hasItem(later))
                .body("items.find { it.id == '" + later + "' }.venue.city", equalTo("Geneva"))
                .body("items.find { it.id == '" + later + "' }.minPrice", equalTo("25.00"))
                .body("items.find { it.id == '" + later + "' }.currency", equalTo("EUR"))
                .body("items.find { it.id == '" + later + "' }.available", equalTo(100));
        List<String> starts = all.path("items.startAt");
        List<String> sorted = new ArrayList<>(starts);
        sorted.sort(String::compareTo);
        assertEquals(sorted, starts, "soonest first");
        api().queryParam("size", 1).get("/events").then().statusCode(200).body("items", hasSize(1)).body("size", equalTo(1));
        api().queryParam("size", 0).get("/events").then().statusCode(400).body("errors.field", hasItem("size"));
        api().queryParam("size", 101).get("/events").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        api().queryParam("page", -1).get("/events").then().statusCode(400).body("errors.field", hasItem("page"));
        api().queryParam("page", "two").get("/events").then().statusCode(400);
    }

    @Test
    void seatMapListsNumberedSeatsWithStatus() throws Exception {
        Response created = asIntegrator().body(Events.withSeatTypes("Seat map", NUMBERED)).post("/events");
        String id = created.path("id");
        String stalls = created.path("seatTypes[0].id");
        String circle = created.path("seatTypes[1].id");
        Response map = api().get("/events/{id}/seats", id);
        map.then().statusCode(200).body("", hasSize(9))
                .body("status", everyItem(equalTo("AVAILABLE")))
                .body("[0].label", equalTo("S-A-1")).body("[0].section", equalTo("S")).body("[0].row", equalTo("A"))
                .body("[0].number", equalTo(1)).body("[0].seatTypeId", equalTo(stalls))
                .body("label", not(hasItem(containsString("GA"))));
        api().queryParam("seatTypeId", circle).get("/events/{id}/seats", id).then().statusCode(200)
                .body("", hasSize(4)).body("seatTypeId", everyItem(equalTo(circle)));
        String otherType = asIntegrator().body(Events.minimal("Other")).post("/events").path("seatTypes[0].id");
        api().queryParam("seatTypeId", otherType).get("/events/{id}/seats", id).then().statusCode(404);
        api().queryParam("seatTypeId", "nope").get("/events/{id}/seats", id).then().statusCode(400);
        api().get("/events/{id}/seats", UUID.randomUUID()).then().statusCode(404);

        // a seat sold behind the API's back shows on the map and, within the one-second window, in the counts
        String seat = map.path("[0].id");
        markSeatSold(UUID.fromString(id), UUID.fromString(stalls), UUID.fromString(seat));
        api().get("/events/{id}/seats", id).then().body("find { it.id == '" + seat + "' }.status", equalTo("SOLD"));
        long deadline = System.currentTimeMillis() + 5000;
        int sold;
        do {
            Thread.sleep(250);
            sold = api().get("/events/{id}", id).path("seatTypes[0].sold");
        } while (sold != 1 && System.currentTimeMillis() < deadline);
        assertEquals(1, sold, "availability is fresh within seconds");
        api().get("/events/{id}", id).then().body("seatTypes[0].available", equalTo(4)).body("seatTypes[0].total", equalTo(5));
    }

    @Test
    void aColdPopularEventIsLoadedOnceNotOncePerRequest() throws Exception {
        String id = create(Events.minimal("Stampede"));
        // let the outbox relay deliver the creation (it invalidates about a second later), so the
        // measurement starts from a settled, cold cache entry
        Thread.sleep(2500);
        long before = metric("marquee_event_view_loads_total");
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(() -> api().get("/events/{id}", id).statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, metric("marquee_event_view_loads_total") - before, "40 concurrent views of a cold event, one load");
    }

    @Test
    void aStadiumOf80000SeatsIsCreatedWhole() {
        String types = Events.stadiumSeatTypes(40, 40, 50);
        Response r = asIntegrator().body(Events.withSeatTypes("Stadium", types)).post("/events");
        r.then().statusCode(201).body("seatTypes[0].total", equalTo(80000)).body("seatTypes[0].available", equalTo(80000));
        api().get("/events/{id}/seats", (String) r.path("id")).then().statusCode(200).body("size()", equalTo(80000));
    }

    private static long metric(String name) {
        String text = server().accept("text/plain").get("/metrics?scope=application").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})?\\s+([0-9.E+]+)").matcher(text);
        assertTrue(m.find(), name + " in /metrics: " + text);
        return (long) Double.parseDouble(m.group(1));
    }

    /** Sells a seat with SQL alone (a PAID booking and a captured payment), as another node would have. */
    static void markSeatSold(UUID event, UUID seatType, UUID seat) throws Exception {
        UUID customer = UUID.randomUUID();
        UUID booking = UUID.randomUUID();
        try (Connection db = database()) {
            db.setAutoCommit(false);
            for (String sql : List.of(
                    "insert into app_user (id, email, name, password_hash) values ('" + customer + "', '" + customer + "@example.org', 'x', 'x')",
                    "insert into booking (id, customer_id, event_id, status, amount, currency, expires_at, paid_at) values ('"
                            + booking + "', '" + customer + "', '" + event + "', 'PAID', 55.50, 'GBP', now() + interval '1 hour', now())",
                    "insert into booking_item (id, booking_id, seat_id, seat_type_id, price) values (gen_random_uuid(), '"
                            + booking + "', '" + seat + "', '" + seatType + "', 55.50)",
                    "update seat set status = 'SOLD', booking_id = '" + booking + "' where id = '" + seat + "'",
                    "insert into payment (id, booking_id, provider, idempotency_key, status, amount, currency) values (gen_random_uuid(), '"
                            + booking + "', 'test', 'catalog-it-" + booking + "', 'CAPTURED', 55.50, 'GBP')")) {
                try (PreparedStatement s = db.prepareStatement(sql)) {
                    s.executeUpdate();
                }
            }
            db.commit();
        }
    }
}
