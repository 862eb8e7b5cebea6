package org.marquee.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** What operators rely on: health, the OpenAPI document, and migrations that run once. */
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
        String doc = server().get("/openapi").then().statusCode(200).extract().asString();
        assertTrue(doc.contains("/api/v1/events"), "OpenAPI lists /api/v1/events");
        assertTrue(doc.contains("/api/v1/events/{id}"), "OpenAPI lists /api/v1/events/{id}");
        assertTrue(doc.contains("Marquee API"), "OpenAPI carries the title");
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
}
