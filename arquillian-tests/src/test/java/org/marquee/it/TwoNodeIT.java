package org.marquee.it;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;

/**
 * Two Payara domains on one machine, one database, one Infinispan cluster: a seat held through one
 * node is refused through the other (by the replicated cache, before any database lock), and once the
 * hold expires both nodes forget it and sell the seat again.
 */
class TwoNodeIT extends MarqueeIT {

    private static final String SECOND_PORT = System.getProperty("marquee.second.http.port", "28580");
    private static final String SECOND = "http://127.0.0.1:" + SECOND_PORT;

    @BeforeAll
    static void deployToTheSecondNode() throws Exception {
        script("deploy");
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (metric(SECOND, "marquee_cluster_members") >= 2 && metric(baseUrl(), "marquee_cluster_members") >= 2) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the two nodes did not form one cluster");
    }

    @AfterAll
    static void undeployFromTheSecondNode() throws Exception {
        script("undeploy");
    }

    @Test
    void aSeatHeldThroughOneNodeIsRefusedThroughTheOtherAndReleasedOnBoth() throws Exception {
        Response event = Bookings.createEvent(Events.withSeatTypes("Two nodes", """
                [{"name": "Row", "price": "10.00", "currency": "EUR", "reservedSeating": true,
                  "sections": [{"name": "N", "rows": [{"label": "A", "seats": 4}]}]}]""").replaceFirst("\\{", "{\"holdTtlSeconds\": 6, "));
        String eventId = event.path("id");
        String seat = api().get("/events/{id}/seats", eventId).path("[0].id");
        String body = "{\"eventId\": \"" + eventId + "\", \"seatIds\": [\"" + seat + "\"]}";
        Account first = Accounts.newCustomer();
        Account second = Accounts.newCustomer();

        long cachedBefore = metric(SECOND, "marquee_seat_holds_cached");
        Bookings.as(first.token()).body(body).post("/bookings").then().statusCode(201);
        awaitMetric(SECOND, "marquee_seat_holds_cached", cachedBefore + 1, 10_000);

        long conflictsBefore = metric(SECOND, "marquee_hold_conflicts_total");
        on(SECOND, second.token()).body(body).post("/bookings").then().statusCode(409)
                .body("code", equalTo("SEATS_UNAVAILABLE")).body("unavailableSeatIds", equalTo(List.of(seat)));
        assertEquals(conflictsBefore + 1, metric(SECOND, "marquee_hold_conflicts_total"));

        // after expiry (6 s + sweep) both nodes have forgotten the hold, and the second sells the seat
        long deadline = System.currentTimeMillis() + 20_000;
        int status;
        do {
            Thread.sleep(1000);
            status = on(SECOND, second.token()).body(body).post("/bookings").statusCode();
        } while (status != 201 && System.currentTimeMillis() < deadline);
        assertEquals(201, status, "the seat is sold again through the second node after expiry");
        for (String node : List.of(baseUrl(), SECOND)) {
            Map<String, Object> map = RestAssured.given().baseUri(node).get("/api/v1/events/{id}/seats", eventId).path("find { it.id == '" + seat + "' }");
            assertEquals("HELD", map.get("status"), "held again, by the second customer, seen from " + node);
        }
    }

    @Test
    void aQueueJoinedThroughOneNodeAdmitsThroughTheOtherAndEachNodeStreamsTheOthersHolds() throws Exception {
        Response event = Surge.event(java.time.Duration.ofHours(-1), null);
        String eventId = event.path("id");
        String standing = event.path("seatTypes[1].id");
        List<String> seats = api().get("/events/{id}/seats", eventId).path("id");
        Account fan = Accounts.newCustomer();
        Surge.room(eventId, "{\"enabled\": true, \"admitPerMinute\": 600000, \"shoppingWindowSeconds\": 600}").then().statusCode(200);
        String ticket = Surge.join(fan, eventId).then().statusCode(201).extract().path("ticket");
        String token = Surge.admitted(ticket, 30).getString("admissionToken");

        // the second node protects the event within a second, and knows the ticket (replicated cache)
        Account probe = Accounts.newCustomer();
        long deadline = System.currentTimeMillis() + 10_000;
        int status;
        do {
            Thread.sleep(500);
            status = on(SECOND, probe.token()).body(Surge.quantity(eventId, standing, 1)).post("/bookings").statusCode();
        } while (status != 403 && System.currentTimeMillis() < deadline);
        assertEquals(403, status, "NOT_ADMITTED through the second node too");
        RestAssured.given().baseUri(SECOND).get("/api/v1/queue/{t}", ticket).then().statusCode(200)
                .body("status", equalTo("ADMITTED")).body("eventId", equalTo(eventId));

        try (Surge.SseClient onSecond = new Surge.SseClient(SECOND, "/events/" + eventId + "/seats/stream", null)) {
            onSecond.next(e -> true, 10);
            // a token issued by the first node opens a hold through the second, and the first node streams it
            try (Surge.SseClient onFirst = new Surge.SseClient("/events/" + eventId + "/seats/stream", null)) {
                onFirst.next(e -> true, 10);
                on(SECOND, fan.token()).header("Marquee-Admission", token).body(Surge.seats(eventId, seats.get(0)))
                        .post("/bookings").then().statusCode(201);
                onFirst.next(e -> "seat".equals(e.event()) && e.data().contains(seats.get(0)) && e.data().contains("HELD"), 15);
                onSecond.next(e -> "seat".equals(e.event()) && e.data().contains(seats.get(0)) && e.data().contains("HELD"), 15);
            }
        }
    }

    private static RequestSpecification on(String node, String token) {
        return RestAssured.given().baseUri(node).basePath("/api/v1").contentType(ContentType.JSON).accept(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
    }

    @Test
    void loginFailuresAreCountedOnceForTheWholeCluster() throws Exception {
        // a loopback address of this test's own, so that its failures do not throttle other tests' logins
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String from = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 255) + "." + random.nextInt(2, 255);
        int[] ports = {Integer.parseInt(System.getProperty("marquee.http.port", "28080")), Integer.parseInt(SECOND_PORT)};
        Account fan = Accounts.newCustomer();
        String guess = "{\"email\": \"" + fan.email() + "\", \"password\": \"not-the-password\"}";
        // an account has 5 free failures, then waits 1 s, 2 s, 4 s ... after each: counted per node, a guesser
        // alternating between two nodes would get 10 free ones before the first refusal
        int attempts = 0;
        RawHttp.RawAnswer answer;
        do {
            answer = RawHttp.post(from, ports[attempts % 2], "/api/v1/auth/token", null, guess);
            attempts++;
            assertTrue(answer.status() == 401 || answer.status() == 429, "401 or 429, not " + answer.status() + ": " + answer.body());
        } while (answer.status() != 429 && attempts < 12);
        assertEquals(429, answer.status(), "the guesser is refused");
        assertTrue(attempts <= 8, "the 5 free failures are the account's across both nodes; first refusal at attempt " + attempts);
        // the refusal stands on the other node too, for as long as it said
        RawHttp.RawAnswer other = RawHttp.post(from, ports[attempts % 2], "/api/v1/auth/token", null, guess);
        assertEquals(429, other.status(), "refused on the other node as well: " + other.body());
        Thread.sleep(Math.max(answer.retryAfter(), other.retryAfter()) * 1000 + 300);
        String right = "{\"email\": \"" + fan.email() + "\", \"password\": \"" + fan.password() + "\"}";
        assertEquals(200, RawHttp.post(from, ports[1], "/api/v1/auth/token", null, right).status(), "the owner gets back in after the wait");
    }

    private static void awaitMetric(String node, String name, long atLeast, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (metric(node, name) < atLeast && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(metric(node, name) >= atLeast, name + " on " + node + " reaches " + atLeast);
    }

    static long metric(String node, String name) {
        String text = RestAssured.given().baseUri(node).accept("text/plain").get("/metrics?scope=application").asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})?\\s+([0-9.E+]+)").matcher(text);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    private static void script(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("marquee.script"), command).inheritIO();
        Map<String, String> env = pb.environment();
        env.put("MARQUEE_SERVER_DIR", System.getProperty("marquee.server.dir"));
        env.put("MARQUEE_DOMAIN", "marquee-test-2");
        env.put("MARQUEE_PORT_BASE", System.getProperty("marquee.second.port.base"));
        env.put("MARQUEE_PAYARA_ADMIN_PASSWORD", System.getProperty("marquee.second.admin.password"));
        env.put("MARQUEE_EAR", System.getProperty("marquee.ear"));
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, "marquee " + command + " on the second node");
        assertTrue(new File(System.getProperty("marquee.ear")).isFile());
    }
}
