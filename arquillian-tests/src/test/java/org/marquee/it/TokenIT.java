package org.marquee.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;

/**
 * Every token the server did not issue, or issued and that has expired, is refused with 401
 * UNAUTHENTICATED as problem+json, even though MicroProfile JWT refuses it before any JAX-RS code runs.
 */
class TokenIT extends MarqueeIT {

    /** The claims of a genuine token of this account, with other groups and times. */
    private static String claims(Account account, String issuer, String groups, long iat, long exp) {
        return """
                {"iss": "%s", "sub": "%s", "upn": "%s", "groups": %s, "iat": %d, "exp": %d, "jti": "%s"}"""
                .formatted(issuer, account.id(), account.email(), groups, iat, exp, UUID.randomUUID());
    }

    /** The token is refused on a read that needs an account, on a write that needs a role, and on a public read. */
    private static void refused(String token) {
        for (Response response : List.of(
                api(token).get("/auth/me"),
                api(token).body(Events.minimal("Forged")).post("/events"),
                api(token).get("/events/{id}", UUID.randomUUID()))) {
            response.then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("code", equalTo("UNAUTHENTICATED"))
                    .body("status", equalTo(401))
                    .body("title", not(equalTo("")));
        }
    }

    @Test
    void aTokenSignedWithTheDomainKeyIsAcceptedSoTheForgeriesBelowAreRefusedForTheirFlawAlone() throws Exception {
        Account fan = Accounts.newCustomer();
        String issuer = Jwts.claims(fan.token()).getString("iss");
        long now = Instant.now().getEpochSecond();
        String own = Jwts.rs256(claims(fan, issuer, "[\"CUSTOMER\"]", now, now + 300), Jwts.domainKey());
        api(own).get("/auth/me").then().statusCode(200).body("id", equalTo(fan.id()));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Account fan = Accounts.newCustomer();
        String issuer = Jwts.claims(fan.token()).getString("iss");
        long now = Instant.now().getEpochSecond();
        // well past any clock-skew allowance
        refused(Jwts.rs256(claims(fan, issuer, "[\"CUSTOMER\"]", now - 7200, now - 600), Jwts.domainKey()));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        Account fan = Accounts.newCustomer();
        String issuer = Jwts.claims(fan.token()).getString("iss");
        long now = Instant.now().getEpochSecond();
        PrivateKey foreign = Jwts.foreignKey();
        refused(Jwts.rs256(claims(fan, issuer, "[\"ADMIN\"]", now, now + 300), foreign));
        refused(Jwts.rs256(claims(fan, issuer, "[\"CUSTOMER\"]", now, now + 300), foreign));
    }

    @Test
    void aTamperedTokenIsRefused() {
        Account fan = Accounts.newCustomer();
        JsonPath original = Jwts.claims(fan.token());
        String promoted = Jwts.payloadJson(fan.token()).replace("\"CUSTOMER\"", "\"ADMIN\"");
        refused(Jwts.withClaims(fan.token(), promoted));
        String extended = Jwts.payloadJson(fan.token())
                .replace("\"exp\":" + original.getLong("exp"), "\"exp\":" + (original.getLong("exp") + 86400));
        refused(Jwts.withClaims(fan.token(), extended));
        // a flipped bit in the signature
        String token = fan.token();
        char last = token.charAt(token.length() - 2);
        refused(token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1));
    }

    @Test
    void unsignedAndAlgorithmConfusedTokensAreRefused() throws Exception {
        Account fan = Accounts.newCustomer();
        String issuer = Jwts.claims(fan.token()).getString("iss");
        long now = Instant.now().getEpochSecond();
        String admin = claims(fan, issuer, "[\"ADMIN\"]", now, now + 300);
        refused(Jwts.unsigned(admin));
        refused(Jwts.hs256(admin, "any secret the attacker likes".getBytes(StandardCharsets.UTF_8)));
        refused("not-a-token");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        Account fan = Accounts.newCustomer();
        long now = Instant.now().getEpochSecond();
        refused(Jwts.rs256(claims(fan, "https://elsewhere.example/", "[\"CUSTOMER\"]", now, now + 300), Jwts.domainKey()));
    }

    @Test
    void aMissingTokenIs401WhereARoleIsNeededAndNothingWhereNot() {
        api().get("/auth/me").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
        api().get("/events/{id}", UUID.randomUUID()).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }
}
