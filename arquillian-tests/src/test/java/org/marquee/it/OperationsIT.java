package org.marquee.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * What operators rely on: health, the OpenAPI document, migrations that run once, and honest answers
 * while Marquee is not running on its server.
 */
class OperationsIT extends MarqueeIT {

    @Test
    void readinessReportsTheDatabase() {
        server().get("/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.data.postgresql", containsString("."));
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
     * While the application is disabled (as during a redeployment or before it has loaded after a start),
     * the domain's standby servlet answers /api: 503 problem+json with Retry-After, never Payara's HTML 404.
     * Other paths keep the server's own answer. Enabled again, Marquee answers as before.
     */
    @Test
    void whileMarqueeIsNotRunningTheApiAnswers503Problems() throws Exception {
        asadmin("disable", "marquee");
        try {
            for (String path : new String[] {"/api/v1/events", "/api/v1/bookings", "/api/v1/anything/else"}) {
                io.restassured.response.Response r = server().accept("application/json").get(path);
                assertEquals(503, r.statusCode(), path);
                assertTrue(r.contentType().startsWith("application/problem+json"), path + ": " + r.contentType());
                assertEquals("5", r.header("Retry-After"), path);
                assertEquals("UNAVAILABLE", r.path("code"), path);
            }
            assertEquals(503, server().contentType("application/json").body("{}").post("/api/v1/bookings").statusCode());
        } finally {
            asadmin("enable", "marquee");
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        while (server().get("/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        api().get("/events").then().statusCode(200);
        api().get("/nothing-here").then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
    }

    private static void asadmin(String... command) throws Exception {
        java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of(
                java.nio.file.Path.of(System.getProperty("marquee.server.dir"), "payara6", "bin", "asadmin").toString(),
                "--port", System.getProperty("marquee.admin.port"), "--user", "admin",
                "--passwordfile", java.nio.file.Path.of(System.getProperty("marquee.server.dir"), ".asadmin-marquee-test").toString()));
        line.addAll(java.util.List.of(command));
        Process p = new ProcessBuilder(line).inheritIO().start();
        assertTrue(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES) && p.exitValue() == 0, "asadmin " + String.join(" ", command));
    }
}
