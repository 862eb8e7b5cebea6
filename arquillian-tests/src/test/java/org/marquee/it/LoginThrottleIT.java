package org.marquee.it;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.marquee.it.Accounts.Account;

/** Password guessing is slowed down, then refused with 429 and Retry-After, per account and per address. */
class LoginThrottleIT extends MarqueeIT {

    private static Response login(String email, String password) {
        return api().body("""
                {"email": "%s", "password": "%s"}""".formatted(email, password)).post("/auth/token");
    }

    @Test
    void repeatedBadPasswordsForOneAccountAreRefusedThenTheOwnerGetsBackIn() throws Exception {
        Account fan = Accounts.newCustomer();
        for (int i = 0; i < 5; i++) {
            login(fan.email(), "wrong-password-" + i).then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        }
        // from here each attempt must wait 1 s, 2 s, 4 s ... after the previous failure: keep guessing,
        // waiting as told, until the wait is long enough to observe it reliably
        Response refused = null;
        long retryAfter = 0;
        for (int i = 0; i < 8; i++) {
            Response r = login(fan.email().toUpperCase(), "wrong-again-" + i);
            if (r.statusCode() != 429) {
                r.then().statusCode(401);
                continue;
            }
            r.then().contentType("application/problem+json")
                    .body("code", equalTo("RATE_LIMITED"))
                    .body("status", equalTo(429));
            retryAfter = Long.parseLong(r.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 900, "Retry-After in seconds: " + retryAfter);
            assertEquals(retryAfter, r.<Integer>path("retryAfterSeconds").longValue());
            if (retryAfter >= 3) {
                refused = r;
                break;
            }
            Thread.sleep(retryAfter * 1000 + 200);
        }
        assertTrue(refused != null, "429 with a growing Retry-After after repeated failures");

        // even the right password is refused while throttled: a guesser learns nothing
        login(fan.email(), fan.password()).then().statusCode(429).body("code", equalTo("RATE_LIMITED"));

        // the owner is not locked out: after the wait, the right password works and clears the count
        Thread.sleep(retryAfter * 1000 + 300);
        login(fan.email(), fan.password()).then().statusCode(200);
        login(fan.email(), "wrong-once-more").then().statusCode(401);
        login(fan.email(), fan.password()).then().statusCode(200);
    }

    @Test
    void manyFailuresFromOneAddressAreRefusedWithoutTouchingOtherAddresses() throws Exception {
        // a loopback address of our own (the whole of 127/8 is local on Linux), so that the throttled
        // address is not the one every other test logs in from
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String from = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 255) + "." + random.nextInt(2, 255);
        Account fan = Accounts.newCustomer();
        for (int i = 1; i <= 30; i++) {
            assertEquals(401, rawLogin(from, Accounts.uniqueEmail("guess"), "guessed-password").status(),
                    "30 free failures per address, each for another account; attempt " + i);
        }
        RawHttp.RawAnswer refused = null;
        for (int i = 0; i < 8; i++) {
            RawHttp.RawAnswer a = rawLogin(from, Accounts.uniqueEmail("guess"), "guessed-password");
            if (a.status() != 429) {
                assertEquals(401, a.status());
                continue;
            }
            if (a.retryAfter() >= 3) {
                refused = a;
                break;
            }
            Thread.sleep(a.retryAfter() * 1000 + 200);
        }
        assertTrue(refused != null, "the address is throttled, with a growing Retry-After");
        // any account from that address is refused, even with its right password
        assertEquals(429, rawLogin(from, fan.email(), fan.password()).status());
        // and the account itself is fine from elsewhere
        login(fan.email(), fan.password()).then().statusCode(200);
    }

    /** POST /auth/token from the given local address. */
    private static RawHttp.RawAnswer rawLogin(String localAddress, String email, String password) throws IOException {
        return RawHttp.post(localAddress, "/api/v1/auth/token", null, """
                {"email": "%s", "password": "%s"}""".formatted(email, password));
    }
}
