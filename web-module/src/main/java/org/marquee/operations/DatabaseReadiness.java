package org.marquee.operations;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.marquee.schema.SchemaMigrator;

/** Ready only when PostgreSQL answers within a second and the schema is migrated. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = "jdbc/marquee")
    private DataSource dataSource;

    @EJB
    private SchemaMigrator schema;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("database");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            try (ResultSet rs = s.executeQuery("select current_setting('server_version')")) {
                rs.next();
                r.withData("postgresql", rs.getString(1));
            }
            return r.withData("schemaVersion", String.valueOf(schema.schemaVersion())).up().build();
        } catch (Exception e) {
            return r.withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).down().build();
        }
    }
}
