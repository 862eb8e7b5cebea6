package org.marquee.it;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every integration test: Arquillian deploys the EAR the build produced (not a test-made
 * archive) to the real Payara domain, and tests talk to it over HTTP and to PostgreSQL over JDBC.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class MarqueeIT {

    @Deployment(testable = false)
    public static EnterpriseArchive marquee() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("marquee.ear")));
    }

    protected static String baseUrl() {
        return "http://127.0.0.1:" + System.getProperty("marquee.http.port", "28080");
    }

    /** A request to the API, JSON in and out. */
    protected static RequestSpecification api() {
        return RestAssured.given(new RequestSpecBuilder().setBaseUri(baseUrl()).setBasePath("/api/v1")
                .setContentType(ContentType.JSON).setAccept(ContentType.JSON).build());
    }

    /** A request to the API carrying {@code Authorization: Bearer <token>}. */
    protected static RequestSpecification api(String token) {
        return api().header("Authorization", "Bearer " + token);
    }

    /** As the bootstrap administrator (ADMIN). */
    protected static RequestSpecification asAdmin() {
        return api(Accounts.adminToken());
    }

    /** As an integrator's system (INTEGRATOR): may create and change events. */
    protected static RequestSpecification asIntegrator() {
        return api(Accounts.integratorToken());
    }

    protected static RequestSpecification server() {
        return RestAssured.given().baseUri(baseUrl());
    }

    protected static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("marquee.db.url"),
                System.getProperty("marquee.db.user"), System.getProperty("marquee.db.password"));
    }
}
