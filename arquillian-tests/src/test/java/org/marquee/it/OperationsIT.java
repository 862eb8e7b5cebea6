package org.marquee.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What operators rely on: health, the OpenAPI document, migrations that run once, and honest answers
 * while Marquee is not running on its server.
 */
class OperationsIT extends MarqueeIT {

    @Test
    void readinessReportsTheDatabaseAndTheClusterMembers() {
        server().get("/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.data.postgresql", containsString("."))
                .body("checks.find { it.name == 'cluster' }.data.node", equalTo("marquee-test"))
                .body("checks.find { it.name == 'cluster' }.data.members", containsString("marquee-test"));
    }

    @Test
    void openApiDocumentsTheEventEndpoints() {
        server().accept("application/json").get("/openapi").then().statusCode(200)
                .body("servers[0].url", equalTo("/api/v1"))
                .body("paths.keySet()", hasItem("/events"))
                .body("paths.keySet()", hasItem("/events/{id}"))
                .body("info.title", equalTo("Marquee API"));
    }

    @Test
    void everyMigrationRanExactlyOnceAndSucceeded() throws Exception {
        // Arquillian has deployed the EAR once per test class by now: later starts must be no-ops.
        try (Connection db = database();
             ResultSet rs = db.createStatement().executeQuery(
                     "select count(*), count(distinct version), bool_and(success) from flyway_schema_history where version is not null")) {
            rs.next();
            assertEquals(rs.getLong(1), rs.getLong(2), "no migration applied twice");
            assertTrue(rs.getLong(1) >= 4, "all migrations applied");
            assertTrue(rs.getBoolean(3), "all migrations succeeded");
        }
    }

    /**
     * The JDK's HTTP client asks every new connection for HTTP/2 (an h2c upgrade). The balancer passes no
     * upgrade to the node (Payara's HTTP/2 livelocked under a dozen such clients): the answer is HTTP/1.1,
     * and a seat stream opened that way sends its headers at once.
     */
    @Test
    void aClientAskingForHttp2IsAnsweredInHttp11ThroughTheBalancer() throws Exception {
        awaitBalancer(a -> a.statusCode() == 200);
        HttpClient client = HttpClient.newHttpClient();
        String balancer = "http://127.0.0.1:" + System.getProperty("marquee.balancer.port");
        HttpResponse<String> events = client.send(HttpRequest.newBuilder(URI.create(balancer + "/api/v1/events")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, events.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, events.version());

        String eventId = Surge.event(Duration.ofHours(-1), null).path("id");
        HttpResponse<java.io.InputStream> stream = client.send(HttpRequest.newBuilder(URI.create(balancer + "/api/v1/events/" + eventId + "/seats/stream"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = stream.body()) {
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        }
    }

    /**
     * While the application is disabled (as during a redeployment or before it has loaded after a start),
     * the domain's standby servlet answers /api: 503 problem+json with Retry-After, never Payara's HTML 404.
     * The balancer in front of the node stops sending it requests and answers 503 problem+json itself.
     * Enabled again, Marquee answers as before, directly and through the balancer.
     */
    @Test
    void whileMarqueeIsNotRunningTheApiAnswers503Problems() throws Exception {
        awaitBalancer(a -> a.statusCode() == 200).then().contentType("application/json");
        asadmin("disable", "marquee");
        try {
            for (String path : new String[] {"/api/v1/events", "/api/v1/bookings", "/api/v1/anything/else"}) {
                Response r = server().accept("application/json").get(path);
                assertEquals(503, r.statusCode(), path);
                assertTrue(r.contentType().startsWith("application/problem+json"), path + ": " + r.contentType());
                assertEquals("5", r.header("Retry-After"), path);
                assertEquals("UNAVAILABLE", r.path("code"), path);
            }
            assertEquals(503, server().contentType("application/json").body("{}").post("/api/v1/bookings").statusCode());

            // the balancer's check (Marquee's readiness) fails within a few seconds; from then on it answers
            Response r = awaitBalancer(a -> a.statusCode() == 503 && a.asString().contains("No Marquee node is ready"));
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            assertEquals("5", r.header("Retry-After"));
            assertEquals("UNAVAILABLE", r.path("code"));
            assertTrue(r.<String>path("detail").startsWith("No Marquee node is ready"), r.asString());
        } finally {
            asadmin("enable", "marquee");
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (server().get("/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        api().get("/events").then().statusCode(200);
        api().get("/nothing-here").then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        awaitBalancer(a -> a.statusCode() == 200);
    }

    private static RequestSpecification balancer() {
        return RestAssured.given().baseUri("http://127.0.0.1:" + System.getProperty("marquee.balancer.port")).accept("application/json");
    }

    /**
     * The balancer's answer once it is the one expected (30 s at most): until its check sees the change, the
     * node answers. After Arquillian's deployment for this class, too, the balancer routes again only once its
     * check (every half second while the node is out) has seen the node ready.
     */
    private static Response awaitBalancer(Predicate<Response> expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Response r = balancer().get("/api/v1/events");
        while (!expected.test(r) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            r = balancer().get("/api/v1/events");
        }
        assertTrue(expected.test(r), "the balancer's answer: " + r.statusCode() + " " + r.asString());
        return r;
    }

    private static void asadmin(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("marquee.server.dir"), "payara6", "bin", "asadmin").toString(),
                "--port", System.getProperty("marquee.admin.port"), "--user", "admin",
                "--passwordfile", Path.of(System.getProperty("marquee.server.dir"), ".asadmin-marquee-test").toString()));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).inheritIO().start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES) && p.exitValue() == 0, "asadmin " + String.join(" ", command));
    }
}
