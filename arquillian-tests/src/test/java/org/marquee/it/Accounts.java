package org.marquee.it;

import static io.restassured.RestAssured.given;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Accounts and tokens for the tests: the bootstrap administrator (its credentials are the test domain's
 * MARQUEE_ADMIN_EMAIL / MARQUEE_ADMIN_PASSWORD, see pom.xml), accounts with roles made by it through
 * POST /admin/users, and fresh customers through POST /auth/register. Tokens are cached for the run.
 */
public final class Accounts {

    /** An account a test can log in as. */
    public record Account(String id, String email, String password, String token) {
    }

    private static String adminToken;
    private static String integratorToken;

    private Accounts() {
    }

    public static synchronized String adminToken() {
        if (adminToken == null) {
            adminToken = token(System.getProperty("marquee.admin.email"), System.getProperty("marquee.admin.password"));
        }
        return adminToken;
    }

    public static synchronized String integratorToken() {
        if (integratorToken == null) {
            integratorToken = withRoles("integrator", "INTEGRATOR").token();
        }
        return integratorToken;
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.test";
    }

    /** A new CUSTOMER, registered by itself, with a token. */
    public static Account newCustomer() {
        String email = uniqueEmail("fan");
        String password = "pw-" + UUID.randomUUID();
        String id = request().body("""
                {"email": "%s", "password": "%s", "name": "Fan"}""".formatted(email, password))
                .post("/auth/register").then().statusCode(201).extract().path("id");
        return new Account(id, email, password, token(email, password));
    }

    /** {@code n} new customers, registered in parallel (registration hashes a password: not free). */
    public static List<Account> newCustomers(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Account>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(Accounts::newCustomer));
            }
            List<Account> accounts = new ArrayList<>();
            for (Future<Account> f : futures) {
                accounts.add(f.get());
            }
            return accounts;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A new account with these roles, created by the administrator, with a token. */
    public static Account withRoles(String prefix, String... roles) {
        String email = uniqueEmail(prefix);
        String password = "pw-" + UUID.randomUUID();
        String list = String.join("\", \"", List.of(roles));
        String id = request().header("Authorization", "Bearer " + adminToken()).body("""
                {"email": "%s", "password": "%s", "name": "%s", "roles": ["%s"]}""".formatted(email, password, prefix, list))
                .post("/admin/users").then().statusCode(201).extract().path("id");
        return new Account(id, email, password, token(email, password));
    }

    public static String token(String email, String password) {
        return request().body("""
                {"email": "%s", "password": "%s"}""".formatted(email, password))
                .post("/auth/token").then().statusCode(200).extract().path("accessToken");
    }

    private static RequestSpecification request() {
        return given(new RequestSpecBuilder().setBaseUri(MarqueeIT.baseUrl()).setBasePath("/api/v1")
                .setContentType(ContentType.JSON).setAccept(ContentType.JSON).build());
    }
}
