package org.marquee.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;

/** Accounts, tokens, roles and the ownership fence, through the real API. */
class IdentityIT extends MarqueeIT {

    /** Every password this class sends, to check none of them ever comes back or reaches the server log. */
    private static final List<String> PASSWORDS = new ArrayList<>();

    private static String password() {
        String p = "secret-" + UUID.randomUUID();
        PASSWORDS.add(p);
        return p;
    }

    private static String register(String email, String password, String name) {
        return """
                {"email": "%s", "password": "%s", "name": "%s"}""".formatted(email, password, name);
    }

    @Test
    void registerThenGetATokenThenMakeAnAuthorisedCall() throws Exception {
        String email = Accounts.uniqueEmail("Ada.Lovelace");
        String password = password();
        Response created = api().body(register(email, password, "Ada Lovelace")).post("/auth/register");
        created.then().statusCode(201)
                .body("id", notNullValue())
                .body("email", equalTo(email))
                .body("name", equalTo("Ada Lovelace"))
                .body("roles", equalTo(List.of("CUSTOMER")));
        String id = created.path("id");
        created.then().header("Location", endsWith("/api/v1/users/" + id));

        Response token = api().body("""
                {"email": "%s", "password": "%s"}""".formatted(email.toUpperCase(), password)).post("/auth/token");
        token.then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(3600))
                .body("accessToken", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"));
        String accessToken = token.path("accessToken");

        JsonPath claims = Jwts.claims(accessToken);
        assertEquals(id, claims.getString("sub"));
        assertEquals(email, claims.getString("upn"));
        assertEquals(List.of("CUSTOMER"), claims.getList("groups"));
        assertNotNull(claims.getString("iss"));
        assertNotNull(claims.getString("jti"));
        assertEquals(3600, claims.getLong("exp") - claims.getLong("iat"));

        api(accessToken).get("/auth/me").then().statusCode(200)
                .body("id", equalTo(id)).body("email", equalTo(email)).body("roles", equalTo(List.of("CUSTOMER")));
        api(accessToken).get("/users/{id}", id).then().statusCode(200).body("id", equalTo(id));

        try (Connection db = database();
             PreparedStatement q = db.prepareStatement("select password_hash from app_user where id = ?")) {
            q.setObject(1, UUID.fromString(id));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                String hash = rs.getString(1);
                assertTrue(hash.startsWith("PBKDF2WithHmacSHA512:"), "stored as a PBKDF2 hash");
                assertFalse(hash.contains(password), "never the password itself");
            }
        }
    }

    @Test
    void registrationNeverTakesRolesFromTheRequest() {
        String body = """
                {"email": "%s", "password": "%s", "name": "Mallory", "roles": ["ADMIN"], "id": "%s"}"""
                .formatted(Accounts.uniqueEmail("mallory"), password(), UUID.randomUUID());
        api().body(body).post("/auth/register").then().statusCode(201).body("roles", equalTo(List.of("CUSTOMER")));
    }

    @Test
    void anEmailAddressRegistersOnceWhateverItsCase() {
        String email = Accounts.uniqueEmail("twice");
        api().body(register(email, password(), "First")).post("/auth/register").then().statusCode(201);
        api().body(register(email.toUpperCase(), password(), "Second")).post("/auth/register").then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("EMAIL_TAKEN"))
                .body("status", equalTo(409));
    }

    @Test
    void invalidRegistrationsAreListedPerField() {
        api().body(register(Accounts.uniqueEmail("short"), "nine-char", "Shorty")).post("/auth/register").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("password"))
                .body("errors.find { it.field == 'password' }.message", containsString("10"));
        api().body("{\"email\": \"not an address\", \"password\": \"long-enough-password\"}").post("/auth/register")
                .then().statusCode(400)
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("name"));
        api().body("{\"email\": ").post("/auth/register").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void wrongPasswordAndUnknownAddressAreTheSame401() {
        Account fan = Accounts.newCustomer();
        for (String email : List.of(fan.email(), Accounts.uniqueEmail("nobody"))) {
            api().body("""
                    {"email": "%s", "password": "%s"}""".formatted(email, "wrong-" + fan.password())).post("/auth/token")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("code", equalTo("UNAUTHENTICATED"))
                    .body("detail", equalTo("The e-mail address or the password is wrong"));
        }
        api().body("{\"email\": \"" + fan.email() + "\"}").post("/auth/token").then().statusCode(400)
                .body("errors.field", hasItem("password"));
    }

    @Test
    void theBootstrapAdministratorExistsAndCreatesAccountsWithRoles() {
        asAdmin().get("/auth/me").then().statusCode(200)
                .body("email", equalTo(System.getProperty("marquee.admin.email")))
                .body("roles", equalTo(List.of("ADMIN")));

        String email = Accounts.uniqueEmail("box-office");
        String password = password();
        Response created = asAdmin().body("""
                {"email": "%s", "password": "%s", "name": "Counter 1", "roles": ["BOX_OFFICE", "CUSTOMER"]}"""
                .formatted(email, password)).post("/admin/users");
        created.then().statusCode(201)
                .body("roles", equalTo(List.of("BOX_OFFICE", "CUSTOMER")))
                .header("Location", endsWith("/api/v1/users/" + created.path("id")));
        assertEquals(List.of("BOX_OFFICE", "CUSTOMER"), Jwts.claims(Accounts.token(email, password)).getList("groups"));

        asAdmin().body("""
                {"email": "%s", "password": "short", "name": "", "roles": ["ROOT", "ADMIN"]}"""
                .formatted(Accounts.uniqueEmail("bad"))).post("/admin/users").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("password"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("roles[0]"));
        asAdmin().body("""
                {"email": "%s", "password": "%s", "name": "No roles"}""".formatted(Accounts.uniqueEmail("none"), password()))
                .post("/admin/users").then().statusCode(400).body("errors.field", hasItem("roles"));
        asAdmin().body("""
                {"email": "%s", "password": "%s", "name": "Again", "roles": ["CUSTOMER"]}""".formatted(email.toUpperCase(), password()))
                .post("/admin/users").then().statusCode(409).body("code", equalTo("EMAIL_TAKEN"));
    }

    @Test
    void onlyAdministratorsCreateAccounts() {
        String body = """
                {"email": "%s", "password": "%s", "name": "Sneaky", "roles": ["ADMIN"]}""".formatted(Accounts.uniqueEmail("sneaky"), password());
        api().body(body).post("/admin/users").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
        for (String token : List.of(Accounts.newCustomer().token(), Accounts.integratorToken(),
                Accounts.withRoles("clerk", "BOX_OFFICE").token())) {
            api(token).body(body).post("/admin/users").then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("code", equalTo("FORBIDDEN"))
                    .body("status", equalTo(403));
        }
    }

    @Test
    void eventsAreWrittenByStaffAndIntegratorsAndReadByAnyone() {
        Account fan = Accounts.newCustomer();
        api(fan.token()).body(Events.minimal("Not for fans")).post("/events").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        api().body(Events.minimal("Not anonymous")).post("/events").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"))
                .header("WWW-Authenticate", containsString("Bearer"));

        String id = asIntegrator().body(Events.minimal("By an integrator")).post("/events").then().statusCode(201).extract().path("id");
        api(Accounts.withRoles("clerk", "BOX_OFFICE").token()).body(Events.minimal("By the box office")).post("/events")
                .then().statusCode(201);
        asAdmin().body(Events.minimal("By the administrator")).post("/events").then().statusCode(201);

        api().get("/events/{id}", id).then().statusCode(200).body("name", equalTo("By an integrator"));
        api(fan.token()).get("/events/{id}", id).then().statusCode(200);
    }

    @Test
    void aCustomerSeesOnlyItsOwnAccountAndStaffSeeAll() {
        Account alice = Accounts.newCustomer();
        Account bob = Accounts.newCustomer();

        api(alice.token()).get("/users/{id}", alice.id()).then().statusCode(200).body("email", equalTo(alice.email()));
        // another customer's account looks exactly like one that does not exist
        Response theirs = api(alice.token()).get("/users/{id}", bob.id());
        theirs.then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        assertFalse(theirs.asString().contains(bob.email()), "nothing of the other account leaks");
        api(alice.token()).get("/users/{id}", UUID.randomUUID()).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        api(Accounts.integratorToken()).get("/users/{id}", alice.id()).then().statusCode(404);

        api(Accounts.withRoles("clerk", "BOX_OFFICE").token()).get("/users/{id}", bob.id()).then().statusCode(200)
                .body("email", equalTo(bob.email()));
        asAdmin().get("/users/{id}", alice.id()).then().statusCode(200).body("email", equalTo(alice.email()));
        api().get("/users/{id}", alice.id()).then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void noPasswordOrHashIsEverAnswered() throws Exception {
        String email = Accounts.uniqueEmail("careful");
        String password = password();
        List<String> bodies = new ArrayList<>();
        bodies.add(api().body(register(email, password, "Careful")).post("/auth/register").asString());
        String token = Accounts.token(email, password);
        bodies.add(api(token).get("/auth/me").asString());
        bodies.add(asAdmin().body("""
                {"email": "%s", "password": "%s", "name": "Staff", "roles": ["BOX_OFFICE"]}"""
                .formatted(Accounts.uniqueEmail("staff"), password)).post("/admin/users").asString());
        bodies.add(asAdmin().get("/users/{id}", Jwts.claims(token).getString("sub")).asString());
        bodies.add(Jwts.payloadJson(token));
        for (String body : bodies) {
            assertFalse(body.contains(password), "no password in " + body);
            assertFalse(body.toLowerCase().contains("pbkdf2"), "no hash in " + body);
            assertFalse(body.contains("passwordHash"), "no hash in " + body);
        }

        String log = Files.readString(Path.of(System.getProperty("marquee.server.log")));
        for (String p : PASSWORDS) {
            assertFalse(log.contains(p), "a password reached the server log");
        }
        assertFalse(log.contains(System.getProperty("marquee.admin.password")), "the admin password reached the server log");
        assertFalse(log.contains(token), "a token reached the server log");
        assertFalse(log.contains("PBKDF2WithHmac"), "a password hash reached the server log");
    }

    @Test
    void everyEndpointDeclaresWhoMayCallIt() throws Exception {
        // org.marquee.api.identity.AccessDeclarations names, at deployment, any resource method without
        // @RolesAllowed/@PermitAll/@DenyAll (and refuses it to everyone)
        String log = Files.readString(Path.of(System.getProperty("marquee.server.log")));
        String lastDeployment = log.substring(Math.max(0, log.lastIndexOf("Loading application [marquee#marquee-web.war]")));
        assertFalse(lastDeployment.contains("declares no access rule"), "an endpoint declares no access rule; see the server log");
    }

    @Test
    void openApiDocumentsIdentityAndTheBearerScheme() {
        String doc = server().get("/openapi").then().statusCode(200).extract().asString();
        // paths are relative to the document's server, /api/v1
        assertTrue(doc.contains("/api/v1"), "OpenAPI names the server /api/v1");
        for (String path : List.of("/auth/register", "/auth/token", "/auth/me", "/admin/users", "/users/{id}")) {
            assertTrue(doc.contains(path), "OpenAPI lists " + path);
        }
        assertTrue(doc.contains("securitySchemes"), "OpenAPI declares the security scheme");
        assertTrue(doc.contains("bearerFormat: JWT"), "a bearer JWT scheme");
    }
}
