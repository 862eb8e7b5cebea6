package org.marquee.it;

import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marquee.it.Accounts.Account;

/**
 * An on-sale driven by an independent client (the JDK's HTTP client, its own threads), for the fault
 * suites: one general-admission event, each buyer holding one place, paying, and starting again through
 * one base URL (the balancer), recording every hold and purchase it was told succeeded and every answer by
 * status. {@link #findings} audits the database and the payment provider's ledger against what was
 * acknowledged.
 */
final class OnSaleClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String eventId;
    final String seatTypeId;
    final List<Account> buyers;
    final Map<String, Integer> answers = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> held = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> paid = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
    /** What the client's requests that got no answer at all met, a sample. */
    final ConcurrentLinkedQueue<Unanswered> unanswered = new ConcurrentLinkedQueue<>();
    /** Requests sent again with their key after no answer or a 502, and requests that had no proper answer even then. */
    final AtomicLong retried = new AtomicLong();
    final AtomicLong unresolved = new AtomicLong();
    private final String baseUrl;
    private final AtomicBoolean running = new AtomicBoolean();
    volatile long lastPaidNanos;
    private ExecutorService pool;
    private final List<Future<?>> clients = new ArrayList<>();

    /** A client for requests of one's own (no event, no buyers) through {@link #send}. */
    OnSaleClient(String baseUrl) {
        eventId = null;
        seatTypeId = null;
        buyers = List.of();
        this.baseUrl = baseUrl;
    }

    OnSaleClient(String name, int places, int buyerCount, String baseUrl) throws Exception {
        var created = Bookings.createEvent(Events.withSeatTypes(name, """
                [{"name": "Floor", "price": "25.00", "currency": "EUR", "reservedSeating": false, "quantity": %d}]""".formatted(places)));
        eventId = created.path("id");
        seatTypeId = created.path("seatTypes[0].id");
        buyers = Accounts.newCustomers(buyerCount);
        this.baseUrl = baseUrl;
    }

    void start() {
        running.set(true);
        pool = Executors.newFixedThreadPool(buyers.size());
        for (Account buyer : buyers) {
            clients.add(pool.submit(() -> buy(buyer)));
        }
    }

    void stop() throws Exception {
        if (!running.getAndSet(false)) {
            return;
        }
        for (Future<?> c : clients) {
            c.get(3, TimeUnit.MINUTES);
        }
        pool.shutdownNow();
    }

    /** Requests the client sent (every attempt), and those that failed: no answer at all, or a 5xx. */
    long requests() {
        return answers.values().stream().mapToLong(Integer::longValue).sum();
    }

    long failures() {
        return answers.entrySet().stream()
                .filter(e -> e.getKey().startsWith("no answer") || e.getKey().startsWith("5"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private Void buy(Account buyer) throws InterruptedException {
        String hold = "{\"eventId\": \"" + eventId + "\", \"seatTypeId\": \"" + seatTypeId + "\", \"quantity\": 1}";
        String booking = null;
        while (running.get()) {
            if (booking == null) {
                Answer a = send(buyer.token(), "/api/v1/bookings", hold);
                if (a.status() == 201) {
                    booking = a.field("id");
                    held.add(booking);
                } else if (a.status() == 422 || a.status() == 0) {
                    Thread.sleep(500);
                } else {
                    a.waitIfAsked();
                }
            } else {
                Answer a = send(buyer.token(), "/api/v1/bookings/" + booking + "/confirm", "{\"paymentToken\": \"tok_visa\"}");
                if (a.status() == 200) {
                    paid.add(booking);
                    lastPaidNanos = System.nanoTime();
                    booking = null;
                } else if (a.status() == 409 || a.status() == 404) {
                    booking = null; // expired or gone: hold again
                } else if (a.retryAfterSeconds() > 0 || a.status() >= 502) {
                    a.waitIfAsked();
                } else {
                    Thread.sleep(500);
                }
            }
        }
        return null;
    }

    /**
     * A POST as this token to this path of the base URL, as a careful client sends it: with an
     * {@code Idempotency-Key}, and sent again with the same key (up to three times, a second apart) when it got
     * no answer or the balancer's 502 (the node went away under it: applied or not, the key makes the retry
     * safe). Every attempt's answer is recorded by status; a request still without a proper answer after its
     * retries counts in {@link #unresolved}.
     */
    Answer send(String token, String path, String body) {
        String key = UUID.randomUUID().toString();
        Answer answer = send(baseUrl, token, path, body, key);
        for (int attempt = 1; attempt <= 3 && (answer.status() == 0 || answer.status() == 502); attempt++) {
            retried.incrementAndGet();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            answer = send(baseUrl, token, path, body, key);
        }
        if (answer.status() == 0 || answer.status() >= 500 && answer.status() != 503) {
            unresolved.incrementAndGet();
        }
        return answer;
    }

    Answer send(String base, String token, String path, String body) {
        return send(base, token, path, body, UUID.randomUUID().toString());
    }

    private Answer send(String base, String token, String path, String body, String idempotencyKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(40))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r;
        try {
            r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            answers.merge("no answer (" + e.getClass().getSimpleName() + ")", 1, Integer::sum);
            if (unanswered.size() < 20) {
                unanswered.add(new Unanswered(System.currentTimeMillis(), path, e.toString()));
            }
            return new Answer(0, "", 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", 0);
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        answers.merge(String.valueOf(r.statusCode()), 1, Integer::sum);
        boolean json = r.statusCode() < 300 ? type.startsWith("application/json") : type.startsWith("application/problem+json");
        boolean retryAfter = r.statusCode() != 503 || r.headers().firstValue("Retry-After").isPresent();
        if ((!json || !retryAfter || r.statusCode() == 500) && bad.size() < 20) {
            bad.add(r.statusCode() + " " + type + " " + r.body().substring(0, Math.min(160, r.body().length())));
        }
        int retryAfterSeconds = r.headers().firstValue("Retry-After").map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                return 1;
            }
        }).orElse(0);
        return new Answer(r.statusCode(), r.body(), retryAfterSeconds);
    }

    /** An answer, and how long the server asked the client to wait before trying again (0: not said). */
    /** A request that got no answer: when (ms since the epoch), where, and what the client met. */
    record Unanswered(long atMillis, String path, String error) {
        /** "+1234 ms /api/v1/bookings: java.io.IOException: …", the time counted from {@code sinceMillis}. */
        String describe(long sinceMillis) {
            return "+" + (atMillis - sinceMillis) + " ms " + path + ": " + error;
        }
    }

    record Answer(int status, String body, int retryAfterSeconds) {

        /** A client that is told to come back later waits as Retry-After says (at most 5 s), or a second. */
        void waitIfAsked() throws InterruptedException {
            if (status == 429 || status >= 502) {
                Thread.sleep(1000L * Math.min(5, Math.max(1, retryAfterSeconds)));
            }
        }

        String field(String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    // ---------------------------------------------------------------------------------------- audit

    /**
     * Every count must be zero: the sold-seat audit, acknowledged holds and purchases missing, and the
     * event's payments against the provider's ledger at {@code simulatorUrl}.
     */
    Map<String, Long> findings(Connection db, String simulatorUrl) throws SQLException {
        Map<String, Long> findings = new LinkedHashMap<>(SeatAudit.audit(db));
        long lostHolds = 0;
        for (String id : held) {
            lostHolds += SeatAudit.count(db, "select count(*) from booking where id = '" + id + "'") == 1 ? 0 : 1;
        }
        long lostPurchases = 0;
        for (String id : paid) {
            lostPurchases += SeatAudit.count(db, "select count(*) from booking where id = '" + id + "' and status = 'PAID'") == 1 ? 0 : 1;
        }
        findings.put("acknowledged holds lost", lostHolds);
        findings.put("acknowledged purchases lost", lostPurchases);
        findings.putAll(moneyDrift(db, simulatorUrl));
        return findings;
    }

    /** Marquee's payments of the event against the provider's ledger, by authorisation key. */
    private Map<String, Long> moneyDrift(Connection db, String simulatorUrl) throws SQLException {
        Map<String, String> ledger = new HashMap<>();
        List<Map<String, Object>> all = RestAssured.given().baseUri(simulatorUrl)
                .get("/control/payments").then().statusCode(200).extract().path("$");
        all.forEach(c -> ledger.put((String) c.get("idempotencyKey"), (String) c.get("state")));
        long paidWithoutMoney = 0;
        long moneyWithoutSale = 0;
        long authorisationsLeft = 0;
        try (var s = db.createStatement(); ResultSet rs = s.executeQuery("""
                select p.idempotency_key, p.status, b.status from payment p join booking b on b.id = p.booking_id
                 where b.event_id = '%s' and p.method = 'CARD'""".formatted(eventId))) {
            while (rs.next()) {
                String state = ledger.get("auth:" + rs.getString(1));
                boolean sold = rs.getString(2).equals("CAPTURED") && rs.getString(3).equals("PAID");
                paidWithoutMoney += sold && !"captured".equals(state) ? 1 : 0;
                moneyWithoutSale += !sold && "captured".equals(state) ? 1 : 0;
                authorisationsLeft += "authorised".equals(state) ? 1 : 0;
            }
        }
        Map<String, Long> drift = new LinkedHashMap<>();
        drift.put("PAID bookings whose money the provider did not capture", paidWithoutMoney);
        drift.put("money captured at the provider without a PAID booking", moneyWithoutSale);
        drift.put("authorisations the provider still holds", authorisationsLeft);
        drift.put("payments needing attention", SeatAudit.count(db, """
                select count(*) from payment p join booking b on b.id = p.booking_id
                 where b.event_id = '%s' and p.status = 'NEEDS_ATTENTION'""".formatted(eventId)));
        return drift;
    }
}
