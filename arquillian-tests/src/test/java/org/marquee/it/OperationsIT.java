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
}
