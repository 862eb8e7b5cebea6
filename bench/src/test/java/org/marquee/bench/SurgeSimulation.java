package org.marquee.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.marquee.bench.OnSaleSimulation.Latencies;

/**
 * The on-sale surge: a crowd in the waiting room ({@link Surge}: 50,000 places by default) while the
 * admitted ones buy.
 *
 * <p>When it starts, the event's sale start is moved to {@code bench.surge.lead.seconds} [20] from now
 * ({@code PATCH /api/v1/events/{id}}): the server then opens the room, shuffles everyone who queued, and
 * admits the whole queue within {@code bench.surge.drain.seconds}. Two populations run at once:
 * <ul>
 * <li><b>pollers</b>: {@code GET /api/v1/queue/{ticket}} of a ticket drawn at random among all the queued
 * places, {@code bench.surge.poll.rate} a second (open model) from the start until the queue is drained.
 * This is a sample of the crowd, not 50,000 concurrent clients: 50,000 browsers polling every 5 s would be
 * 10,000 requests a second, which one load generator sharing 2 cores with the server cannot send. The
 * server's work per poll does not depend on how many clients there are, only on the rate, and every poll is
 * of a different random place of the full-size queue.</li>
 * <li><b>buyers</b> ({@code bench.surge.buyers}, real accounts and tokens, each with its own place): each
 * polls its ticket, waiting between polls what the answer's {@code estimatedWaitSeconds} says (1 s to
 * {@code bench.surge.buyer.poll.max.seconds}), and once ADMITTED holds 1 to 4 places with the
 * {@code Marquee-Admission} header and confirms with {@code tok_visa}, up to {@code bench.surge.purchases}
 * times, until the event is sold out.</li>
 * </ul>
 * Writes {@code surge-app.json}: queue-endpoint latencies (the pollers', before and after the opening, and
 * the buyers' own polls), admissions, holds and purchases per second, and every refusal by its status
 * (403 NOT_ADMITTED and 429 RATE_LIMITED must stay 0). The sold-seat audit runs after the domain is
 * stopped ({@link SurgeAudit}).
 */
public class SurgeSimulation extends Simulation {

    public static final String SCENARIO = "surge";
    static final String POLL = SCENARIO + ": poll";
    static final String BUYER_POLL = SCENARIO + ": buyer poll";
    static final String HOLD = SCENARIO + ": hold";
    static final String CONFIRM = SCENARIO + ": confirm";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] QUANTITY_WEIGHTS = {25, 45, 15, 15};

    private final JsonNode load = Surge.read(Bench.out());
    private final String eventId = load.path("eventId").asText();
    private final String typeId = load.path("seatTypeId").asText();
    private final int shoppingWindowSeconds = load.path("shoppingWindowSeconds").asInt();
    private final Duration lead = Duration.ofSeconds(Integer.getInteger("bench.surge.lead.seconds", 20));
    /** The first seconds of the lead warm the server and Gatling up, as every other scenario's warm-up phase: reported apart. */
    private final Duration warmUp = Duration.ofSeconds(Math.min(Integer.getInteger("bench.surge.warmup.seconds", 10), lead.toSeconds() - 1));
    private final Duration drain = Duration.ofSeconds(load.path("drainSeconds").asInt());
    private final Duration tail = Duration.ofSeconds(Integer.getInteger("bench.surge.tail.seconds", 30));
    private final int pollRate = Integer.getInteger("bench.surge.poll.rate", 300);
    private final long buyerPollMaxMillis = 1000L * Integer.getInteger("bench.surge.buyer.poll.max.seconds", 10);
    private final int purchasesPerBuyer = Integer.getInteger("bench.surge.purchases", 3);
    private final Duration openingWindow = Duration.ofSeconds(Integer.getInteger("bench.surge.opening.seconds", 15));
    private final int buyers;

    private final AtomicLong startNanos = new AtomicLong();
    private final AtomicLong firstHoldNanos = new AtomicLong();
    private final AtomicLong lastHoldNanos = new AtomicLong();
    private final AtomicLong lastPurchaseNanos = new AtomicLong();
    private final AtomicLong soldOutNanos = new AtomicLong();
    private final AtomicBoolean soldOut = new AtomicBoolean();
    private final Latencies pollsWarmingUp = new Latencies();
    private final Latencies pollsBeforeOpening = new Latencies();
    private final Latencies pollsAtOpening = new Latencies();
    private final Latencies pollsAfterOpening = new Latencies();
    /** The pollers' latencies by 10 s of the run: where in time the slow answers are. */
    private final Latencies[] pollsByTenSeconds;
    /** The pollers' latencies by second over the lead and the opening window: a slow start and a slow opening told apart. */
    private final Latencies[] pollsBySecond;
    private final Latencies buyerPolls = new Latencies();
    private final Latencies admissionLag = new Latencies();
    private final Latencies holdOk = new Latencies();
    private final Latencies confirmOk = new Latencies();
    private final Map<String, LongAdder> pollStatuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> holdStatuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> confirmStatuses = new ConcurrentHashMap<>();
    private final LongAdder admitted = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder holds = new LongAdder();
    private final LongAdder heldPlaces = new LongAdder();
    private final LongAdder purchases = new LongAdder();
    private final LongAdder soldPlaces = new LongAdder();

    {
        List<String> ticketLines = lines(Surge.TICKETS_FILE);
        List<Map<String, Object>> tickets = new ArrayList<>(ticketLines.size());
        for (String ticket : ticketLines.subList(1, ticketLines.size())) {
            tickets.add(Map.of("ticket", ticket));
        }
        List<String> buyerLines = lines(Surge.BUYERS_FILE);
        List<Map<String, Object>> buyerRecords = new ArrayList<>();
        for (String line : buyerLines.subList(1, buyerLines.size())) {
            String[] f = line.split(",");
            buyerRecords.add(Map.of("auth", "Bearer " + f[0], "ticket", f[1]));
        }
        buyers = buyerRecords.size();
        Duration pollFor = lead.plus(drain);
        pollsByTenSeconds = new Latencies[(int) (pollFor.toSeconds() / 10) + 2];
        for (int i = 0; i < pollsByTenSeconds.length; i++) {
            pollsByTenSeconds[i] = new Latencies();
        }
        pollsBySecond = new Latencies[(int) lead.plus(openingWindow).toSeconds()];
        for (int i = 0; i < pollsBySecond.length; i++) {
            pollsBySecond[i] = new Latencies();
        }

        var pollers = scenario(SCENARIO + " pollers")
                .feed(listFeeder(tickets).random())
                .exec(http(POLL).get("/api/v1/queue/#{ticket}")
                        .check(status().saveAs("httpStatus"), responseTimeInMillis().saveAs("rt"),
                                jsonPath("$.status").optional().saveAs("queueStatus"), status().is(200)))
                .exec(this::afterPoll)
                .injectOpen(constantUsersPerSec(pollRate).during(pollFor));

        var buyersScenario = scenario(SCENARIO + " buyers")
                .feed(listFeeder(buyerRecords).queue())
                .exec(session -> session.set("queueStatus", "WAITING").set("pauseMillis", 0L))
                .asLongAs(session -> "WAITING".equals(session.getString("queueStatus")) && running()).on(
                        exec(session -> session.remove("httpStatus").remove("body"))
                                .exec(http(BUYER_POLL).get("/api/v1/queue/#{ticket}")
                                        .check(status().saveAs("httpStatus"), responseTimeInMillis().saveAs("rt"),
                                                bodyString().saveAs("body"), status().is(200)))
                                .exec(this::afterBuyerPoll)
                                .pause(session -> Duration.ofMillis(session.getLong("pauseMillis"))))
                .exec(doIf(session -> "ADMITTED".equals(session.getString("queueStatus"))).then(
                        exec(session -> session.set("purchasesLeft", purchasesPerBuyer))
                                .asLongAs(session -> session.getInt("purchasesLeft") > 0 && !soldOut.get() && running()).on(
                                        exec(this::nextHold)
                                                .exec(http(HOLD).post("/api/v1/bookings").header("Authorization", "#{auth}")
                                                        .header("Marquee-Admission", "#{admission}")
                                                        .body(StringBody("#{holdBody}")).asJson()
                                                        .check(status().saveAs("httpStatus"), responseTimeInMillis().saveAs("rt"),
                                                                bodyString().saveAs("body"), status().in(201, 409)))
                                                .exec(this::afterHold)
                                                .doIf(session -> session.contains("bookingId")).then(
                                                        exec(session -> session.remove("httpStatus"))
                                                                .exec(http(CONFIRM).post("/api/v1/bookings/#{bookingId}/confirm")
                                                                        .header("Authorization", "#{auth}")
                                                                        .body(StringBody("{\"paymentToken\": \"tok_visa\"}")).asJson()
                                                                        .check(status().saveAs("httpStatus"), responseTimeInMillis().saveAs("rt"),
                                                                                status().is(200)))
                                                                .exec(this::afterConfirm)))))
                .injectOpen(rampUsers(buyers).during(lead));

        setUp(pollers, buyersScenario)
                .protocols(Bench.protocol())
                .maxDuration(total().plusSeconds(30));
    }

    @Override
    public void before() {
        try {
            Files.createDirectories(Bench.out());
            Files.writeString(Bench.startFile(Bench.out(), SCENARIO), Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + Machine.loadAverage() + "\n");
            // the sale (and so the room) opens lead seconds from now; the server's one-second opener does the rest
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI base = URI.create(Bench.baseUrl());
            String admin = BenchAuth.bearerToken(client, base).orElseThrow(() -> new IllegalStateException("the surge needs the administrator's token"));
            Instant opening = Instant.now().plus(lead);
            Surge.send(client, admin, "PATCH", base.resolve("/api/v1/events/" + eventId), "application/merge-patch+json",
                    Map.of("saleStartAt", opening.truncatedTo(ChronoUnit.MILLIS).toString()), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        startNanos.set(System.nanoTime());
    }

    @Override
    public void after() {
        long start = startNanos.get();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("queued", load.path("queued").asInt());
        result.put("buyers", buyers);
        result.put("places", load.path("places").asInt());
        result.put("admitPerMinute", load.path("admitPerMinute").asInt());
        result.put("leadSeconds", lead.toSeconds());
        result.put("drainSeconds", drain.toSeconds());
        result.put("pollRate", pollRate);
        result.put("purchasesPerBuyer", purchasesPerBuyer);
        result.put("warmUpSeconds", warmUp.toSeconds());
        result.put("pollsWarmingUpMillis", pollsWarmingUp.percentiles());
        result.put("pollsBeforeOpeningMillis", pollsBeforeOpening.percentiles());
        result.put("openingWindowSeconds", openingWindow.toSeconds());
        result.put("pollsAtOpeningMillis", pollsAtOpening.percentiles());
        result.put("pollsAfterOpeningMillis", pollsAfterOpening.percentiles());
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (int i = 0; i < pollsByTenSeconds.length; i++) {
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("fromSecond", i * 10 - lead.toSeconds());
            bucket.putAll(pollsByTenSeconds[i].percentiles());
            timeline.add(bucket);
        }
        result.put("pollsBySecondsFromOpening", timeline);
        List<Map<String, Object>> seconds = new ArrayList<>();
        for (int i = 0; i < pollsBySecond.length; i++) {
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("fromSecond", i - lead.toSeconds());
            bucket.putAll(pollsBySecond[i].percentiles());
            seconds.add(bucket);
        }
        result.put("pollsBySecondAroundOpening", seconds);
        result.put("buyerPollsMillis", buyerPolls.percentiles());
        result.put("pollStatuses", counts(pollStatuses));
        result.put("admitted", admitted.sum());
        result.put("expired", expired.sum());
        result.put("admissionLagMillis", admissionLag.percentiles());
        result.put("soldOut", soldOut.get());
        result.put("soldOutAfterOpeningSeconds", soldOutNanos.get() == 0 ? null : seconds(soldOutNanos.get() - start - lead.toNanos()));
        double holdSeconds = seconds(lastHoldNanos.get() - firstHoldNanos.get());
        double purchaseSeconds = seconds(lastPurchaseNanos.get() - firstHoldNanos.get());
        result.put("holds", holds.sum());
        result.put("heldPlaces", heldPlaces.sum());
        result.put("purchases", purchases.sum());
        result.put("soldPlaces", soldPlaces.sum());
        result.put("holdWindowSeconds", holdSeconds);
        result.put("holdsPerSecond", holdSeconds <= 0 ? null : round(holds.sum() / holdSeconds));
        result.put("purchasesPerSecond", purchaseSeconds <= 0 ? null : round(purchases.sum() / purchaseSeconds));
        result.put("holdStatuses", counts(holdStatuses));
        result.put("confirmStatuses", counts(confirmStatuses));
        result.put("holdLatencyMillis", holdOk.percentiles());
        result.put("confirmLatencyMillis", confirmOk.percentiles());
        result.put("queueTicketReads", queueTicketReads());
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(Bench.out().resolve(Surge.APP_FILE).toFile(), result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[bench] surge: " + result);
    }

    private Duration total() {
        return lead.plus(drain).plus(tail);
    }

    private boolean running() {
        return System.nanoTime() - startNanos.get() < total().toNanos();
    }

    private Session afterPoll(Session session) {
        if (!session.contains("httpStatus") || session.getInt("httpStatus") != 200) {
            count(pollStatuses, session.contains("httpStatus") ? "HTTP " + session.getInt("httpStatus") : "no answer");
            return session;
        }
        long sinceStart = System.nanoTime() - startNanos.get();
        int rt = session.getInt("rt");
        (sinceStart < warmUp.toNanos() ? pollsWarmingUp : sinceStart < lead.toNanos() ? pollsBeforeOpening
                : sinceStart < lead.plus(openingWindow).toNanos() ? pollsAtOpening : pollsAfterOpening).add(rt);
        pollsByTenSeconds[(int) Math.min(pollsByTenSeconds.length - 1, sinceStart / 10_000_000_000L)].add(rt);
        if (sinceStart / 1_000_000_000L < pollsBySecond.length) {
            pollsBySecond[(int) (sinceStart / 1_000_000_000L)].add(rt);
        }
        count(pollStatuses, session.contains("queueStatus") ? session.getString("queueStatus") : "no status");
        return session;
    }

    /** A buyer's poll: admitted (keep the token), expired (give up), or wait what the server estimates. */
    private Session afterBuyerPoll(Session session) {
        if (!session.contains("httpStatus") || session.getInt("httpStatus") != 200 || !session.contains("body")) {
            count(pollStatuses, "buyer: " + (session.contains("httpStatus") ? "HTTP " + session.getInt("httpStatus") : "no answer"));
            return session.set("pauseMillis", 1000L).markAsSucceeded();
        }
        buyerPolls.add(session.getInt("rt"));
        try {
            JsonNode ticket = JSON.readTree(session.getString("body"));
            String status = ticket.path("status").asText();
            if ("ADMITTED".equals(status)) {
                admitted.increment();
                Instant admittedAt = Instant.parse(ticket.path("admittedUntil").asText()).minusSeconds(shoppingWindowSeconds);
                admissionLag.add((int) Math.max(0, Duration.between(admittedAt, Instant.now()).toMillis()));
                return session.set("queueStatus", status).set("admission", ticket.path("admissionToken").asText()).remove("body");
            }
            if ("EXPIRED".equals(status)) {
                expired.increment();
            }
            long wait = 1000L * ticket.path("estimatedWaitSeconds").asLong(1);
            return session.set("queueStatus", status).set("pauseMillis", Math.max(1000L, Math.min(buyerPollMaxMillis, wait))).remove("body");
        } catch (IOException e) {
            count(pollStatuses, "buyer: unreadable body");
            return session.set("pauseMillis", 1000L).remove("body");
        }
    }

    private Session nextHold(Session session) {
        int roll = ThreadLocalRandom.current().nextInt(100);
        int quantity = 1;
        for (int q = 0; q < QUANTITY_WEIGHTS.length; q++) {
            roll -= QUANTITY_WEIGHTS[q];
            if (roll < 0) {
                quantity = q + 1;
                break;
            }
        }
        return session.set("purchasesLeft", session.getInt("purchasesLeft") - 1)
                .set("holdBody", "{\"eventId\": \"" + eventId + "\", \"seatTypeId\": \"" + typeId + "\", \"quantity\": " + quantity + "}")
                .remove("bookingId").remove("httpStatus").remove("rt").remove("body");
    }

    private Session afterHold(Session session) {
        long now = System.nanoTime();
        if (!session.contains("httpStatus")) {
            count(holdStatuses, "no answer");
            return session.set("purchasesLeft", 0);
        }
        int status = session.getInt("httpStatus");
        count(holdStatuses, String.valueOf(status));
        firstHoldNanos.compareAndSet(0, now);
        try {
            JsonNode body = JSON.readTree(session.getString("body"));
            if (status == 201) {
                holds.increment();
                heldPlaces.add(body.path("seats").size());
                holdOk.add(session.getInt("rt"));
                lastHoldNanos.accumulateAndGet(now, Math::max);
                return session.set("bookingId", body.path("id").asText()).set("places", body.path("seats").size()).remove("body");
            }
            if (status == 409 && body.has("available") && body.path("available").asInt() == 0 && !soldOut.getAndSet(true)) {
                soldOutNanos.set(now);
            }
        } catch (IOException e) {
            count(holdStatuses, "unreadable body");
        }
        // 403, 422 or 429: this buyer stops (a 422 is an earlier hold still live); 409: tries again while it has purchases left
        return (status == 409 ? session : session.set("purchasesLeft", 0)).remove("body").markAsSucceeded();
    }

    private Session afterConfirm(Session session) {
        if (!session.contains("httpStatus")) {
            count(confirmStatuses, "no answer");
            return session.set("purchasesLeft", 0).markAsSucceeded();
        }
        int status = session.getInt("httpStatus");
        count(confirmStatuses, String.valueOf(status));
        if (status != 200) {
            return session.set("purchasesLeft", 0).markAsSucceeded();
        }
        purchases.increment();
        soldPlaces.add(session.getInt("places"));
        confirmOk.add(session.getInt("rt"));
        lastPurchaseNanos.accumulateAndGet(System.nanoTime(), Math::max);
        return session.remove("bookingId");
    }

    private static void count(Map<String, LongAdder> counts, String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static Map<String, Long> counts(Map<String, LongAdder> counts) {
        Map<String, Long> result = new java.util.TreeMap<>();
        counts.forEach((k, v) -> result.put(k, v.sum()));
        return result;
    }

    private static double seconds(long nanos) {
        return Math.round(Math.max(0, nanos) / 1e7) / 100.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Bench.out().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("no " + file + " in " + Bench.out() + " (LoadData writes it)", e);
        }
    }

    /** The server's count of queue polls answered from PostgreSQL ({@code marquee_queue_ticket_reads_total}), or null if /metrics did not answer. */
    private static Long queueTicketReads() {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(Bench.baseUrl()).resolve("/metrics"))
                    .header("Accept", "text/plain").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (metrics.statusCode() != 200) {
                return null;
            }
            // the counter appears at its first read
            return metrics.body().lines().filter(l -> l.startsWith("marquee_queue_ticket_reads_total"))
                    .map(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
