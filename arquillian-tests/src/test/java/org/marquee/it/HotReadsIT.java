package org.marquee.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The reads a crowd makes during a sale, served from ready answers: the event view (gzip, ETag, 304),
 * the seat map in two parts (layout and live statuses), the queue poll, and a bearer token verified once.
 */
class HotReadsIT extends MarqueeIT {

    private static final String NUMBERED = CatalogIT.NUMBERED;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<byte[]> raw(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1" + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @Test
    void theViewIsTheSameBytesCompressedOrNotWithOneTagAndA304ForAWeakMatch() throws Exception {
        String id = asIntegrator().body(Events.minimal("Ready view")).post("/events").then().statusCode(201).extract().path("id");
        HttpResponse<byte[]> plain = raw("/events/" + id, Map.of());
        HttpResponse<byte[]> zipped = raw("/events/" + id, Map.of("Accept-Encoding", "gzip"));
        assertEquals(200, plain.statusCode());
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "no gzip unless asked for");
        assertTrue(zipped.headers().firstValue("Vary").orElse("").contains("Accept-Encoding"));
        assertTrue(plain.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertArrayEquals(plain.body(), gunzip(zipped.body()));
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertEquals(etag, zipped.headers().firstValue("ETag").orElseThrow());
        JsonPath view = JsonPath.from(new String(plain.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(id, view.getString("id"));
        assertEquals("ON_SALE", view.getString("status"));

        HttpResponse<byte[]> revalidated = raw("/events/" + id, Map.of("If-None-Match", "W/" + etag));
        assertEquals(304, revalidated.statusCode());
        assertEquals(0, revalidated.body().length);
        assertEquals(etag, revalidated.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, raw("/events/" + id, Map.of("If-None-Match", "\"other\", " + etag)).statusCode());

        // what the fast path does not serve still gets the API's answers
        api().get("/events/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        api().get("/events/{id}", "not-an-id").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theSeatMapIsALayoutAndStatusesInItsOrderAndASaleShowsWithinSeconds() throws Exception {
        Response created = asIntegrator().body(Events.withSeatTypes("Two-part map", NUMBERED)).post("/events");
        String id = created.then().statusCode(201).extract().path("id");
        List<String> listed = api().get("/events/{id}/seats", id).then().statusCode(200).extract().path("id");

        Response layout = api().get("/events/{id}/seats/layout", id);
        layout.then().statusCode(200).header("ETag", notNullValue()).header("Cache-Control", containsString("max-age=86400"))
                .body("eventId", equalTo(id)).body("seatCount", equalTo(9))
                .body("seatTypes[0].sections[0].name", equalTo("S"))
                .body("seatTypes[0].sections[0].rows[1].label", equalTo("B"))
                .body("seatTypes[0].sections[0].rows[1].seats[1].number", equalTo(2));
        List<String> laidOut = layout.path("seatTypes.sections.rows.seats.id.flatten()");
        assertEquals(listed, laidOut, "the layout lists the seats in seat-map order");
        api().header("If-None-Match", layout.header("ETag")).get("/events/{id}/seats/layout", id).then().statusCode(304);

        JsonPath before = api().get("/events/{id}/seats/status", id).then().statusCode(200)
                .header("Cache-Control", containsString("max-age=1")).extract().jsonPath();
        assertEquals(9, before.getInt("seatCount"));
        assertEquals(9, before.getInt("available"));
        assertEquals("AAAAAAAAA", letters(before.getString("statuses"), 9));

        // seat 4 (S-B-1) sold behind the API's back: within the one-second window it reads SOLD at its place
        String seat = laidOut.get(3);
        CatalogIT.markSeatSold(UUID.fromString(id), UUID.fromString(created.path("seatTypes[0].id")), UUID.fromString(seat));
        long deadline = System.currentTimeMillis() + 5000;
        JsonPath after;
        do {
            Thread.sleep(200);
            after = api().get("/events/{id}/seats/status", id).jsonPath();
        } while (after.getInt("sold") != 1 && System.currentTimeMillis() < deadline);
        assertEquals("AAASAAAAA", letters(after.getString("statuses"), 9));
        assertEquals(8, after.getInt("available"));
        assertNotEquals(before.getString("statuses"), after.getString("statuses"));

        api().get("/events/{id}/seats/status", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        api().get("/events/{id}/seats/layout", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        // general admission only: an empty map, not an error
        String standing = asIntegrator().body(Events.minimal("Standing only")).post("/events").path("id");
        api().get("/events/{id}/seats/status", standing).then().statusCode(200).body("seatCount", equalTo(0)).body("statuses", equalTo(""));
    }

    @Test
    void aStadiumsLiveMapIsUnderFiftyKilobytes() throws Exception {
        String types = Events.stadiumSeatTypes(40, 20, 100);
        String id = asIntegrator().body(Events.withSeatTypes("Stadium map", types)).post("/events").then().statusCode(201).extract().path("id");
        HttpResponse<byte[]> status = raw("/events/" + id + "/seats/status", Map.of());
        assertEquals(200, status.statusCode());
        assertTrue(status.body().length < 50_000, "live map of 80,000 seats: " + status.body().length + " bytes");
        JsonPath map = JsonPath.from(new String(status.body(), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(80_000, map.getInt("seatCount"));
        assertEquals(80_000, map.getInt("available"));
        HttpResponse<byte[]> zipped = raw("/events/" + id + "/seats/status", Map.of("Accept-Encoding", "gzip"));
        assertArrayEquals(status.body(), gunzip(zipped.body()));
    }

    @Test
    void aQueuePollSaysWhenToAskAgainAndIsNeverKeptOnceItAdmits() throws Exception {
        Accounts.Account fan = Accounts.newCustomer();
        String id = Surge.event(Duration.ofHours(2), null).path("id");
        Surge.room(id, "{\"enabled\": true, \"admitPerMinute\": 60, \"shoppingWindowSeconds\": 600}").then().statusCode(200);
        String ticket = Surge.join(fan, id).then().statusCode(201).extract().path("ticket");
        Response waiting = api().get("/queue/{t}", ticket);
        waiting.then().statusCode(200).body("status", equalTo("WAITING")).body("admissionToken", nullValue())
                .header("Cache-Control", containsString("private"));
        int next = waiting.path("nextPollSeconds");
        // the room as everyone sees it (each node reloads rooms every second): shareable, no account needed
        long deadline = System.currentTimeMillis() + 5000;
        Response room;
        do {
            Thread.sleep(200);
            room = api().get("/events/{id}/queue", id);
        } while (room.statusCode() == 200 && room.<Integer>path("joined") < 1 && System.currentTimeMillis() < deadline);
        room.then().statusCode(200).header("Cache-Control", containsString("public"))
                .body("enabled", equalTo(true)).body("open", equalTo(false)).body("joined", equalTo(1))
                .body("admitPerMinute", equalTo(60)).body("admittedThrough", equalTo(0));
        String noRoom = asIntegrator().body(Events.minimal("No room")).post("/events").path("id");
        api().get("/events/{id}/queue", noRoom).then().statusCode(404).contentType("application/problem+json");
        assertTrue(next >= 15 && next <= 25, "two hours before the opening, poll every 15-25 s: " + next);

        String open = Surge.event(Duration.ofHours(-1), null).path("id");
        Surge.room(open, "{\"enabled\": true, \"admitPerMinute\": 600000, \"shoppingWindowSeconds\": 600}").then().statusCode(200);
        String admittedTicket = Surge.join(fan, open).then().statusCode(201).extract().path("ticket");
        JsonPath admitted = Surge.admitted(admittedTicket, 30);
        assertTrue(admitted.getString("admissionToken").startsWith("MA1."));
        api().get("/queue/{t}", admittedTicket).then().statusCode(200).header("Cache-Control", equalTo("no-store"))
                .body("nextPollSeconds", nullValue());
        api().get("/queue/{t}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aTokenIsVerifiedOnceButATamperedOneIsStillRefused() {
        Accounts.Account fan = Accounts.newCustomer();
        for (int i = 0; i < 3; i++) {
            api(fan.token()).get("/bookings").then().statusCode(200);
        }
        String token = fan.token();
        int dot = token.lastIndexOf('.');
        String tampered = token.substring(0, dot + 1) + (token.charAt(dot + 1) == 'A' ? 'B' : 'A') + token.substring(dot + 2);
        api(tampered).get("/bookings").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
        api().get("/bookings").then().statusCode(401);
    }

    /** Decodes the packed statuses (two bits a seat, first seat in the high bits) into one letter a seat. */
    private static String letters(String packed, int count) {
        byte[] bytes = Base64.getDecoder().decode(packed);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("AHS?".charAt((bytes[i / 4] >> (6 - 2 * (i % 4))) & 3));
        }
        return out.toString();
    }
}
