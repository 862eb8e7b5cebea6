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

    private static final String SECOND = "http://127.0.0.1:" + System.getProperty("marquee.second.http.port", "28580");

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

    private static RequestSpecification on(String node, String token) {
        return RestAssured.given().baseUri(node).basePath("/api/v1").contentType(ContentType.JSON).accept(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
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
