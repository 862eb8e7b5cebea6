package org.marquee.it;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.marquee.it.Bookings.as;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.marquee.it.Accounts.Account;

/**
 * Payments over real HTTP: the payment client (MicroProfile Fault Tolerance) against the payment
 * simulator process the test build starts, whose faults the tests set at its /control, and the signed
 * webhook endpoint. Money is checked three ways: the API's answers, Marquee's payment table and history,
 * and the simulator's own ledger. The tests that open the circuit leave it closed; the last one kills
 * the simulator and starts it again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaymentsIT extends MarqueeIT {

    private static final String VISA = "{\"paymentToken\": \"tok_visa\"}";

    @BeforeEach
    @AfterEach
    void providerUp() {
        provider().post("/control/reset").then().statusCode(200);
    }

    // ------------------------------------------------------------------------------ the happy path

    @Test
    @Order(1)
    void aPurchaseIsAuthorisedAndCapturedOverHttpAndItsHistoryIsKept() throws Exception {
        Sale sale = sale("Paid over HTTP", 10, 600);
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, sale, 2);
        long before = requests();
        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(200).body("status", equalTo("PAID"));
        try (Connection db = database()) {
            Bookings.awaitCaptured(db, booking);
            assertTrue(requests() >= before + 2, "authorise and capture went over HTTP to the simulator");
            String payment = one(db, "select cast(id as text) from payment where booking_id = '" + booking + "'");
            assertEquals("CAPTURED", one(db, "select status from payment where id = '" + payment + "'"));
            assertEquals(List.of("PENDING", "AUTHORISED", "CAPTURED"), history(db, payment), "payment_event records every change");
            String reference = one(db, "select provider_reference from payment where id = '" + payment + "'");
            assertEquals("captured", ledger().get(reference), "the provider's ledger agrees");
            // the simulator's own webhooks (authorised, captured) arrive and change nothing more
            await(() -> count(db, "select count(*) from payment_webhook_event where payment_id = '" + payment + "'") >= 2,
                    "both webhooks processed");
            assertEquals(3, history(db, payment).size());
        }
        assertTrue(metric("marquee_payment_provider_calls_total", "operation=\"capture\"", "outcome=\"ok\"") >= 1);
    }

    /**
     * Purchases that settle together are captured in one call to the provider ({@code POST /v1/captures}):
     * eight confirms at once against a provider that answers every call after 300 ms leave the settlers a
     * queue while a capture is on its way, so fewer capture calls than purchases reach the provider, and
     * every payment still ends captured at Marquee and in the provider's ledger. (The provider's request
     * count holds the eight authorisations and the capture calls: nothing else calls it meanwhile.)
     */
    @Test
    @Order(2)
    void purchasesThatSettleTogetherAreCapturedInFewerCallsThanPurchases() throws Exception {
        int buyers = 8;
        Sale sale = sale("Captured together", buyers, 600);
        List<Account> fans = new ArrayList<>();
        List<String> bookings = holdEach(sale, buyers, 1, fans);
        awaitCapturesSettled();
        simulate("{\"latencyMs\": 300}");
        long before = requests();
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                Account fan = fans.get(i);
                String booking = bookings.get(i);
                answers.add(pool.submit((Callable<Integer>) () ->
                        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).statusCode()));
            }
            for (Future<Integer> a : answers) {
                assertEquals(200, a.get());
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection db = database()) {
            for (String booking : bookings) {
                Bookings.awaitCaptured(db, booking);
            }
            long captureCalls = requests() - before - buyers;
            assertTrue(captureCalls >= 1 && captureCalls < buyers,
                    captureCalls + " capture calls for " + buyers + " purchases settled together");
            Map<String, String> ledger = ledger();
            for (String booking : bookings) {
                String reference = one(db, "select provider_reference from payment where booking_id = '" + booking + "'");
                assertEquals("captured", ledger.get(reference), "the provider's ledger has booking " + booking + " captured");
            }
        }
    }

    @Test
    @Order(3)
    void aDeclineIs402AndKeepsTheHold() throws Exception {
        Sale sale = sale("Declined", 10, 600);
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, sale, 1);
        as(fan.token()).body("{\"paymentToken\": \"tok_chargeDeclined\"}").post("/bookings/{id}/confirm", booking).then()
                .statusCode(402).contentType(startsWith("application/problem+json")).body("code", equalTo("PAYMENT_DECLINED"));
        as(fan.token()).get("/bookings/{id}", booking).then().body("status", equalTo("PENDING_PAYMENT"));
        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(200).body("status", equalTo("PAID"));
        try (Connection db = database()) {
            Bookings.awaitCaptured(db, booking);
            assertEquals("DECLINED,CAPTURED", one(db, "select string_agg(status, ',' order by created_at) from payment where booking_id = '" + booking + "'"));
        }
    }

    // ------------------------------------------------------------------------------------ faults

    @Test
    @Order(4)
    void providerErrorsAreRetriedWithTheSameKeyAndThenAre502WithTheHoldKept() throws Exception {
        Sale sale = sale("Flaky provider", 10, 600);
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, sale, 1);
        long errorsBefore = metric("marquee_payment_provider_calls_total", "operation=\"authorise\"", "outcome=\"error\"");
        awaitCapturesSettled();
        simulate("{\"failNext\": 2}");
        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(200).body("status", equalTo("PAID"));
        assertEquals(errorsBefore + 2, metric("marquee_payment_provider_calls_total", "operation=\"authorise\"", "outcome=\"error\""),
                "two failed attempts, then the retry succeeded");

        Account other = Accounts.newCustomer();
        String third = hold(other, sale, 1);
        awaitCapturesSettled();
        simulate("{\"failNext\": 3}");
        as(other.token()).body(VISA).post("/bookings/{id}/confirm", third).then().statusCode(502)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("PAYMENT_UNAVAILABLE"));
        as(other.token()).get("/bookings/{id}", third).then().body("status", equalTo("PENDING_PAYMENT"));
        try (Connection db = database()) {
            assertEquals("FAILED", one(db, "select status from payment where booking_id = '" + third + "'"));
            assertEquals("provider_unavailable", one(db, "select failure_code from payment where booking_id = '" + third + "'"));
        }
        as(other.token()).body(VISA).post("/bookings/{id}/confirm", third).then().statusCode(200).body("status", equalTo("PAID"));
    }

    @Test
    @Order(5)
    void aHangingProviderTimesOutAndItsLateAuthorisationIsVoided() throws Exception {
        Sale sale = sale("Hanging provider", 10, 600);
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, sale, 1);
        simulate("{\"mode\": \"HANG\", \"hangMs\": 6000}");
        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(502).body("code", equalTo("PAYMENT_UNAVAILABLE"));
        simulate("{\"mode\": \"UP\"}");
        as(fan.token()).get("/bookings/{id}", booking).then().body("status", equalTo("PENDING_PAYMENT"));
        try (Connection db = database()) {
            String payment = one(db, "select cast(id as text) from payment where booking_id = '" + booking + "'");
            assertEquals("provider_timeout", one(db, "select failure_code from payment where id = '" + payment + "'"));
            // the provider authorised after all, once its hang ended: the webhook makes Marquee void it
            await(() -> "VOIDED".equals(one(db, "select status from payment where id = '" + payment + "'")), "late authorisation voided");
            assertEquals(List.of("PENDING", "FAILED", "VOID_PENDING", "VOIDED"), history(db, payment));
            String reference = one(db, "select provider_reference from payment where id = '" + payment + "'");
            assertEquals("voided", ledger().get(reference));
            // and the buyer's next attempt goes through
            as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(200).body("status", equalTo("PAID"));
            assertEquals(0, auditTotal(db), SeatAudit.audit(db).toString());
        }
    }

    @Test
    @Order(6)
    void aPaymentThatSucceedsAfterItsHoldExpiredAndTheSeatsWereSoldIsRefunded() throws Exception {
        Sale sale = sale("Late success", 1, 5);
        Account late = Accounts.newCustomer();
        String expired = hold(late, sale, 1);
        simulate("{\"mode\": \"HANG\", \"hangMs\": 12000, \"captureOnAuthorise\": true}");
        as(late.token()).body(VISA).post("/bookings/{id}/confirm", expired).then().statusCode(502).body("code", equalTo("PAYMENT_UNAVAILABLE"));
        simulate("{\"mode\": \"UP\"}");
        await(() -> "TIMEOUT".equals(as(late.token()).get("/bookings/{id}", expired).path("status")), "the hold expired");
        Account buyer = Accounts.newCustomer();
        String sold = hold(buyer, sale, 1);
        as(buyer.token()).body(VISA).post("/bookings/{id}/confirm", sold).then().statusCode(200).body("status", equalTo("PAID"));
        try (Connection db = database()) {
            String payment = one(db, "select cast(id as text) from payment where booking_id = '" + expired + "'");
            await(() -> "REFUNDED".equals(one(db, "select status from payment where id = '" + payment + "'")), "late capture refunded");
            // FAILED, then (as the provider's events arrive) possibly VOID_PENDING, which the provider refuses: already captured
            List<String> history = history(db, payment);
            assertEquals(List.of("PENDING", "FAILED"), history.subList(0, 2), history.toString());
            assertEquals(List.of("REFUND_PENDING", "REFUNDED"), history.subList(history.size() - 2, history.size()), history.toString());
            assertTrue(!history.contains("CAPTURED"), "Marquee never counted the late money as a sale: " + history);
            assertEquals(1, count(db, "select count(*) from payment_event where payment_id = '" + payment
                    + "' and status = 'REFUND_PENDING' and detail like 'captured_without_sale%'"), "the reason is recorded");
            assertEquals("refunded", ledger().get(one(db, "select provider_reference from payment where id = '" + payment + "'")));
            assertEquals("PAID", one(db, "select status from booking where id = '" + sold + "'"));
            assertEquals(0, auditTotal(db), SeatAudit.audit(db).toString());
        }
    }

    // ---------------------------------------------------------------------------------- webhooks

    @Test
    @Order(7)
    void webhooksNeedAFreshValidSignatureAndEachEventCountsOnce() throws Exception {
        simulate("{\"webhooks\": false}");
        Sale sale = sale("Webhooks", 10, 600);
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, sale, 1);
        // down rather than failNext: captures of earlier tests, settled after their answers, must not use up the failures
        simulate("{\"mode\": \"DOWN\"}");
        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(502);
        simulate("{\"mode\": \"UP\"}");
        try (Connection db = database()) {
            String payment = one(db, "select cast(id as text) from payment where booking_id = '" + booking + "'");
            String key = "auth:" + one(db, "select idempotency_key from payment where id = '" + payment + "'");
            String event = event("evt_" + UUID.randomUUID(), "authorised", "pay_test_" + UUID.randomUUID(), key);
            long now = Instant.now().getEpochSecond();

            webhook(event, null).then().statusCode(401).contentType(startsWith("application/problem+json"))
                    .body("code", equalTo("UNAUTHENTICATED"));
            webhook(event, sign("not-the-secret".getBytes(StandardCharsets.UTF_8), now, event)).then().statusCode(401);
            webhook(event, sign(secret(), now - 600, event)).then().statusCode(401);
            webhook(event, "t=" + now + ",v1=zz").then().statusCode(401);
            webhook(event.replace("authorised", "captured"), sign(secret(), now, event)).then().statusCode(401);
            webhook("{not json", sign(secret(), now, "{not json")).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
            assertEquals("FAILED", one(db, "select status from payment where id = '" + payment + "'"), "nothing refused changed anything");

            // a late authorisation of a payment the buyer was told had failed: voided, once
            String header = sign(secret(), now, event);
            webhook(event, header).then().statusCode(200).body("outcome", equalTo("APPLIED"));
            await(() -> "VOIDED".equals(one(db, "select status from payment where id = '" + payment + "'")), "voided");
            int changes = history(db, payment).size();
            webhook(event, header).then().statusCode(200).body("outcome", equalTo("DUPLICATE"));          // the same request replayed
            webhook(event, sign(secret(), now + 1, event)).then().statusCode(200).body("outcome", equalTo("DUPLICATE")); // redelivered
            // a delivery whose Accept has q-values is left to JAX-RS: that door answers as the servlet filter does
            webhookViaJaxRs(event, sign(secret(), now + 2, event)).then().statusCode(200).body("outcome", equalTo("DUPLICATE"));
            webhookViaJaxRs(event, null).then().statusCode(401).contentType(startsWith("application/problem+json"))
                    .body("code", equalTo("UNAUTHENTICATED"));
            webhookViaJaxRs("{\"events\": [" + event + "]}", sign(secret(), now, "{\"events\": [" + event + "]}")).then().statusCode(200)
                    .body("outcomes.outcome", contains("DUPLICATE"));
            // out of order: an older "authorised" after "voided" changes nothing
            webhook(event("evt_" + UUID.randomUUID(), "authorised", null, key), null, true).then().statusCode(200)
                    .body("outcome", equalTo("IGNORED"));
            assertEquals(changes, history(db, payment).size());
            assertEquals(1, count(db, "select count(*) from payment_webhook_event where event_id = '" + eventId(event) + "'"));

            // a batch under one signature: each event gets its own outcome, in order
            String stale = event("evt_" + UUID.randomUUID(), "authorised", null, key);
            String unknown = event("evt_" + UUID.randomUUID(), "captured", "pay_nobody_" + UUID.randomUUID(), "auth:nobody");
            webhook("{\"events\": [" + event + ", " + stale + ", " + unknown + "]}", null, true).then().statusCode(200)
                    .body("outcomes.id", contains(eventId(event), eventId(stale), eventId(unknown)))
                    .body("outcomes.outcome", contains("DUPLICATE", "IGNORED", "UNKNOWN_PAYMENT"));
            webhook("{\"events\": []}", null, true).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
            webhook("{\"events\": [" + event + ", {\"id\": 1}]}", null, true).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
            assertEquals(changes, history(db, payment).size(), "a duplicate and a stale event in a batch change nothing");

            // after a refund, late and out-of-order events of the same payment change nothing
            as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(200);
            Bookings.awaitCaptured(db, booking);
            String paid = one(db, "select cast(id as text) from payment where booking_id = '" + booking + "' and status = 'CAPTURED'");
            String paidKey = "auth:" + one(db, "select idempotency_key from payment where id = '" + paid + "'");
            String reference = one(db, "select provider_reference from payment where id = '" + paid + "'");
            as(fan.token()).post("/bookings/{id}/cancel", booking).then().statusCode(200).body("status", equalTo("CANCELLED"));
            await(() -> "REFUNDED".equals(one(db, "select status from payment where id = '" + paid + "'")), "refunded");
            webhook(event("evt_" + UUID.randomUUID(), "refunded", reference, paidKey), null, true).then().statusCode(200)
                    .body("outcome", equalTo("IGNORED"));
            webhook(event("evt_" + UUID.randomUUID(), "captured", reference, paidKey), null, true).then().statusCode(200)
                    .body("outcome", equalTo("IGNORED"));
            assertEquals("REFUNDED", one(db, "select status from payment where id = '" + paid + "'"));
            assertEquals("refunded", ledger().get(reference));
            assertEquals(0, count(db, "select count(*) from seat s join seat_type t on t.id = s.seat_type_id where t.event_id = '"
                    + sale.eventId() + "' and s.status <> 'AVAILABLE'"));
        }
    }

    // ------------------------------------------------------------------------------ cancellations

    @Test
    @Order(8)
    void cancellingAnEventReleasesItsHoldsAndRefundsItsPurchases() throws Exception {
        Sale sale = sale("Called off", 10, 600);
        Account holder = Accounts.newCustomer();
        Account payer = Accounts.newCustomer();
        String held = hold(holder, sale, 2);
        String paid = hold(payer, sale, 3);
        as(payer.token()).body(VISA).post("/bookings/{id}/confirm", paid).then().statusCode(200);
        long refundsBefore = metric("marquee_payment_refunds_total");
        as(Accounts.integratorToken()).post("/events/{id}/cancel", sale.eventId()).then().statusCode(200).body("status", equalTo("CANCELLED"));
        as(holder.token()).get("/bookings/{id}", held).then().body("status", equalTo("CANCELLED"));
        as(payer.token()).get("/bookings/{id}", paid).then().body("status", equalTo("CANCELLED"));
        try (Connection db = database()) {
            assertEquals("REFUNDED", one(db, "select status from payment where booking_id = '" + paid + "'"));
            assertEquals("refunded", ledger().get(one(db, "select provider_reference from payment where booking_id = '" + paid + "'")));
            assertEquals(0, count(db, "select count(*) from seat s join seat_type t on t.id = s.seat_type_id where t.event_id = '"
                    + sale.eventId() + "' and s.status <> 'AVAILABLE'"));
            assertEquals(0, auditTotal(db), SeatAudit.audit(db).toString());
        }
        assertTrue(metric("marquee_payment_refunds_total") > refundsBefore);
        // cancelling again changes nothing
        as(Accounts.integratorToken()).post("/events/{id}/cancel", sale.eventId()).then().statusCode(200);
    }

    // ---------------------------------------------------------------------------- circuit breaker

    @Test
    @Order(9)
    void theCircuitOpensWhileTheProviderIsDownKeepsHoldsAndClosesWhenItIsBack() throws Exception {
        Sale sale = sale("Outage", 10, 600);
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, sale, 1);
        simulate("{\"mode\": \"DOWN\"}");
        boolean failedFast = false;
        for (int i = 0; i < 12 && !failedFast; i++) {
            long before = requests();
            as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(502).body("code", equalTo("PAYMENT_UNAVAILABLE"));
            failedFast = requests() == before;
        }
        assertTrue(failedFast, "after repeated failures a confirm no longer reaches the provider");
        assertEquals(1, metric("marquee_payment_circuit_open"));
        assertTrue(metric("marquee_payment_failures_total", "operation=\"authorise\"", "reason=\"circuit_open\"") >= 1);
        as(fan.token()).get("/bookings/{id}", booking).then().body("status", equalTo("PENDING_PAYMENT"));

        simulate("{\"mode\": \"UP\"}");
        awaitPaid(fan, booking);
        assertEquals(0, metric("marquee_payment_circuit_open"));
    }

    // ------------------------------------------------------------------------------------ the sweep

    /**
     * The fault test: buyers confirm at once while the provider starts hanging, then fails, then comes
     * back. Afterwards (once late webhooks and the reconciler have done their work) money and seats
     * agree: no seat sold without a captured payment, no captured payment without seats or a refund,
     * and the provider's ledger holds exactly the PAID bookings' money.
     */
    @Test
    @Order(10)
    void underConcurrentConfirmsAHangingThenFailingProviderLeavesMoneyAndSeatsConsistent() throws Exception {
        int buyers = 16;
        Sale sale = sale("Fault sweep", buyers * 2, 600);
        List<Account> fans = new ArrayList<>();
        List<String> bookings = holdEach(sale, buyers, 2, fans);
        simulate("{\"latencyMs\": 300, \"webhookShuffle\": true, \"webhookDelayMs\": 3000, \"webhookDuplicateRate\": 0.5}");
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < buyers; i++) {
                Account fan = fans.get(i);
                String booking = bookings.get(i);
                answers.add(pool.submit((Callable<Integer>) () ->
                        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).statusCode()));
                Thread.sleep(150);
                if (i == buyers / 3) {
                    simulate("{\"mode\": \"HANG\", \"hangMs\": 5000}");
                } else if (i == 2 * buyers / 3) {
                    simulate("{\"mode\": \"UP\", \"errorRate\": 0.5}");
                }
            }
            for (Future<Integer> a : answers) {
                int status = a.get();
                assertTrue(status == 200 || status == 502 || status == 409, "confirm answered " + status);
            }
        } finally {
            pool.shutdownNow();
        }
        simulate("{\"mode\": \"UP\", \"errorRate\": 0, \"latencyMs\": 0}");

        try (Connection db = database()) {
            String payments = "select p.* from payment p join booking b on b.id = p.booking_id where b.event_id = '" + sale.eventId() + "'";
            await(() -> count(db, "select count(*) from (" + payments + ") p where p.status in ('PENDING', 'VOID_PENDING', 'REFUND_PENDING')"
                    + " or p.status = 'AUTHORISED'") == 0 && ((Number) simulator().path("webhooksPending")).intValue() == 0
                    && consistent(db, sale), 180, "money and seats settle");
            assertEquals(0, auditTotal(db), SeatAudit.audit(db).toString());
            long paid = count(db, "select count(*) from booking where event_id = '" + sale.eventId() + "' and status = 'PAID'");
            long sold = count(db, "select count(*) from seat s join seat_type t on t.id = s.seat_type_id where t.event_id = '"
                    + sale.eventId() + "' and s.status = 'SOLD'");
            assertEquals(paid * 2, sold, "every sold seat belongs to a paid booking of two");
            assertTrue(consistent(db, sale), "the provider's ledger agrees with the bookings");
        }
    }

    // ---------------------------------------------------------------------------- crash safety

    /**
     * The simulator is killed (SIGKILL) after answering, with its webhooks still owed, and started again:
     * its ledger still has the captured payment, and the webhooks it owed are delivered after the restart.
     */
    @Test
    @Order(11)
    void theSimulatorsLedgerAndOwedWebhooksSurviveItsKill() throws Exception {
        Sale sale = sale("Provider crash", 10, 600);
        Account fan = Accounts.newCustomer();
        String booking = hold(fan, sale, 1);
        simulate("{\"webhookDelayMs\": 600000}");
        as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).then().statusCode(200).body("status", equalTo("PAID"));
        try (Connection db = database()) {
            String payment = one(db, "select cast(id as text) from payment where booking_id = '" + booking + "'");
            String reference = one(db, "select provider_reference from payment where id = '" + payment + "'");
            Bookings.awaitCaptured(db, booking);
            assertEquals(0, count(db, "select count(*) from payment_webhook_event where payment_id = '" + payment + "'"),
                    "no webhook delivered before the kill");
            assertEquals(2, ((Number) simulator().path("webhooksPending")).intValue());

            long pid = Long.parseLong(Files.readString(Path.of(System.getProperty("marquee.payment.simulator.pid-file"))).trim());
            ProcessHandle simulator = ProcessHandle.of(pid).orElseThrow();
            simulator.destroyForcibly();
            simulator.onExit().get(30, TimeUnit.SECONDS);
            startSimulator();

            assertEquals("captured", ledger().get(reference), "the ledger survived");
            await(() -> count(db, "select count(*) from payment_webhook_event where payment_id = '" + payment + "'") >= 2,
                    "the webhooks owed before the kill are delivered after the restart");
            assertEquals("CAPTURED", one(db, "select status from payment where id = '" + payment + "'"));
            // and the restarted simulator serves new payments
            Account other = Accounts.newCustomer();
            String next = hold(other, sale, 1);
            as(other.token()).body(VISA).post("/bookings/{id}/confirm", next).then().statusCode(200).body("status", equalTo("PAID"));
        }
    }

    private static void startSimulator() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("marquee.script"), "simulator").inheritIO();
        Map<String, String> env = pb.environment();
        env.put("MARQUEE_SERVER_DIR", System.getProperty("marquee.server.dir"));
        env.put("MARQUEE_DOMAIN", "marquee-test");
        env.put("MARQUEE_PORT_BASE", System.getProperty("marquee.port.base"));
        env.put("MARQUEE_PAYMENT_SIMULATOR_PORT", System.getProperty("marquee.payment.simulator.port"));
        env.put("MARQUEE_DB_HOST", System.getProperty("marquee.db.host"));
        env.put("MARQUEE_DB_PORT", System.getProperty("marquee.db.port"));
        env.put("MARQUEE_DB_NAME", System.getProperty("marquee.db.name"));
        env.put("MARQUEE_DB_USER", System.getProperty("marquee.db.user"));
        env.put("MARQUEE_DB_PASSWORD", System.getProperty("marquee.db.password"));
        Process p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, "marquee simulator");
    }

    // ------------------------------------------------------------------------------------- helpers

    private record Sale(String eventId, String seatTypeId) {
    }

    private static Sale sale(String name, int places, int holdTtlSeconds) {
        String body = Events.withSeatTypes(name, """
                [{"name": "Floor", "price": "30.00", "currency": "EUR", "reservedSeating": false, "quantity": %d}]""".formatted(places))
                .replaceFirst("\\{", "{\"holdTtlSeconds\": " + holdTtlSeconds + ", ");
        Response r = Bookings.createEvent(body);
        return new Sale(r.path("id"), r.path("seatTypes[0].id"));
    }

    /** {@code buyers} new customers (added to {@code fans}) each holding {@code quantity} places; their bookings in the same order. */
    private static List<String> holdEach(Sale sale, int buyers, int quantity, List<Account> fans) {
        List<String> bookings = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            Account fan = Accounts.newCustomer();
            fans.add(fan);
            bookings.add(hold(fan, sale, quantity));
        }
        return bookings;
    }

    private static String hold(Account fan, Sale sale, int quantity) {
        return as(fan.token()).body("{\"eventId\": \"" + sale.eventId() + "\", \"seatTypeId\": \"" + sale.seatTypeId()
                + "\", \"quantity\": " + quantity + "}").post("/bookings").then().statusCode(201).extract().path("id");
    }

    private static void awaitPaid(Account fan, String booking) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        int status;
        do {
            status = as(fan.token()).body(VISA).post("/bookings/{id}/confirm", booking).statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(1000);
        } while (System.currentTimeMillis() < deadline);
        fail("the provider is back but confirm still answers " + status);
    }

    /**
     * The money sweep for one event: every charge the provider still keeps (captured, not refunded)
     * belongs to a PAID booking whose payment is CAPTURED with that reference and amount, and every PAID
     * booking's captured payment is kept by the provider. Authorisations the provider still holds are
     * not allowed either.
     */
    private static boolean consistent(Connection db, Sale sale) throws SQLException {
        Map<String, String> provider = ledgerByKey();
        long keptByUs = 0;
        try (PreparedStatement s = db.prepareStatement("""
                select p.idempotency_key, p.status, b.status from payment p join booking b on b.id = p.booking_id
                 where b.event_id = cast(? as uuid)""")) {
            s.setString(1, sale.eventId());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String state = provider.get("auth:" + rs.getString(1));   // null: the provider never took this money
                    boolean kept = rs.getString(2).equals("CAPTURED") && rs.getString(3).equals("PAID");
                    if (kept != "captured".equals(state) || "authorised".equals(state)) {
                        return false;
                    }
                    keptByUs += kept ? 1 : 0;
                }
            }
        }
        long paidWithCapture = count(db, "select count(*) from booking b where b.event_id = '" + sale.eventId()
                + "' and b.status = 'PAID' and exists (select 1 from payment p where p.booking_id = b.id and p.status = 'CAPTURED')");
        long paid = count(db, "select count(*) from booking where event_id = '" + sale.eventId() + "' and status = 'PAID'");
        return paid == paidWithCapture && keptByUs == paid;
    }

    /** The payment simulator process. */
    private static RequestSpecification provider() {
        return RestAssured.given().baseUri(System.getProperty("marquee.payment.simulator.url"));
    }

    private static Response simulator() {
        return provider().get("/control").then().statusCode(200).extract().response();
    }

    private static void simulate(String settings) {
        provider().contentType(ContentType.JSON).body(settings).put("/control").then().statusCode(200);
    }

    /** The simulator's ledger: reference -> state. */
    private static Map<String, String> ledger() {
        return ledger("reference");
    }

    /** The simulator's ledger: authorisation idempotency key -> state. */
    private static Map<String, String> ledgerByKey() {
        return ledger("idempotencyKey");
    }

    private static Map<String, String> ledger(String by) {
        List<Map<String, Object>> all = provider().get("/control/payments").then().statusCode(200).extract().path("$");
        return all.stream().collect(Collectors.toMap(p -> (String) p.get(by), p -> (String) p.get("state")));
    }

    private static String event(String id, String state, String reference, String key) {
        return "{\"id\": \"" + id + "\", \"type\": \"payment." + state + "\", \"created\": " + Instant.now().getEpochSecond()
                + ", \"data\": {" + (reference == null ? "" : "\"reference\": \"" + reference + "\", ")
                + "\"idempotencyKey\": \"" + key + "\", \"state\": \"" + state + "\", \"amount\": \"30.00\", \"currency\": \"EUR\"}}";
    }

    private static String eventId(String event) {
        Matcher m = Pattern.compile("\"id\": \"([^\"]+)\"").matcher(event);
        assertTrue(m.find());
        return m.group(1);
    }

    /**
     * Waits until every paid booking's capture (made after its confirm's answer) is done, so that a
     * fault set up next for one call is not used up by a capture still on its way.
     */
    private static void awaitCapturesSettled() throws Exception {
        try (Connection db = database()) {
            Bookings.awaitCapturesSettled(db);
        }
    }

    private static Response webhook(String body, String signature) {
        return webhook(body, signature, false);
    }

    private static Response webhook(String body, String signature, boolean signNow) {
        return webhookRequest(body, signNow ? sign(secret(), Instant.now().getEpochSecond(), body) : signature).post("/api/v1/payments/webhook");
    }

    /** A delivery the servlet filter leaves to JAX-RS (its client's Accept has q-values). */
    private static Response webhookViaJaxRs(String body, String signature) {
        return webhookRequest(body, signature).accept("application/json;q=0.9").post("/api/v1/payments/webhook");
    }

    private static RequestSpecification webhookRequest(String body, String signature) {
        var request = server().contentType(ContentType.JSON).body(body);
        return signature == null ? request : request.header("Marquee-Signature", signature);
    }

    private static byte[] secret() {
        try {
            return Files.readString(Path.of(System.getProperty("marquee.payment.webhook-key"))).trim().getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sign(byte[] key, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> history(Connection db, String payment) throws SQLException {
        List<String> statuses = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("select status from payment_event where payment_id = cast(? as uuid) order by id")) {
            s.setString(1, payment);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    statuses.add(rs.getString(1));
                }
            }
        }
        return statuses;
    }

    private static String one(Connection db, String sql) throws SQLException {
        return SeatAudit.one(db, sql);
    }

    private static long count(Connection db, String sql) throws SQLException {
        return SeatAudit.count(db, sql);
    }

    private static long auditTotal(Connection db) throws SQLException {
        return SeatAudit.audit(db).values().stream().mapToLong(Long::longValue).sum();
    }

    /** A counter or gauge of /metrics (application scope) carrying every given label, 0 if absent. */
    private static long metric(String name, String... labels) {
        String text = server().accept("text/plain").get("/metrics?scope=application").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{([^}]*)\\})?\\s+([0-9.E+-]+)").matcher(text);
        while (m.find()) {
            String found = m.group(1) == null ? "" : m.group(1);
            if (java.util.Arrays.stream(labels).allMatch(found::contains)) {
                return (long) Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    private static long requests() {
        return ((Number) simulator().path("requests")).longValue();
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Check check, String what) throws Exception {
        await(check, 60, what);
    }

    private static void await(Check check, int seconds, String what) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!check.ok()) {
            if (System.currentTimeMillis() > deadline) {
                fail("not within " + seconds + " s: " + what);
            }
            Thread.sleep(500);
        }
    }
}
