package org.marquee.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The on-sale: {@code bench.onsale.buyers} buyers (each its own account and token) arrive within
 * {@code bench.onsale.ramp.seconds} at one hot event of 20,000 places and each, until it is sold out or
 * {@code bench.onsale.seconds} have passed, holds ({@code POST /api/v1/bookings}) and, when the hold
 * succeeds, pays at once ({@code POST /api/v1/bookings/{id}/confirm} with {@code tok_visa}).
 *
 * <p>The mix: half the holds are for numbered seats, half for general admission; 1 to 4 places (1: 25 %,
 * 2: 45 %, 3: 15 %, 4: 15 %). Of the numbered holds, 40 % name their seats (a run of adjacent seats in
 * one row, chosen among the seats the buyer's seat map does not show as taken: the map is what the
 * buyers have learnt from their own holds and from the {@code unavailableSeatIds} of refusals), the rest
 * ask for best available. 409 {@code SEATS_UNAVAILABLE} is an expected answer (OK in Gatling); a seat
 * type is sold out when a best-available hold is refused with {@code available: 0}.
 *
 * <p>Besides Gatling's report, the simulation counts successful holds (201), conflicts (409), purchases
 * (200 PAID) and their latencies itself, measures CPU and database activity while it runs
 * ({@link ServerProbe}), and writes {@code onsale-app.json} for the summary.
 */
public class OnSaleSimulation extends Simulation {

    public static final String SCENARIO = "on-sale";
    static final String HOLD = SCENARIO + ": hold";
    static final String CONFIRM = SCENARIO + ": confirm";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] QUANTITY_WEIGHTS = {25, 45, 15, 15};

    private final JsonNode load = OnSale.read(Bench.out());
    private final String eventId = load.path("eventId").asText();
    private final String[] typeIds = {load.path("numberedTypeId").asText(), load.path("generalAdmissionTypeId").asText()};
    private final String[] seatIds;
    private final Map<String, Integer> positions = new HashMap<>();
    private final AtomicIntegerArray taken;
    private final AtomicBoolean[] soldOut = {new AtomicBoolean(), new AtomicBoolean()};
    private final int buyers = OnSale.buyers();
    private final Duration bound = Duration.ofSeconds(Integer.getInteger("bench.onsale.seconds", 120));
    private final Duration ramp = Duration.ofSeconds(Integer.getInteger("bench.onsale.ramp.seconds", 5));

    private final AtomicLong startNanos = new AtomicLong();
    private final AtomicLong lastHoldNanos = new AtomicLong();
    private final AtomicLong lastPurchaseNanos = new AtomicLong();
    private final AtomicLong soldOutNanos = new AtomicLong();
    private final LongAdder holds = new LongAdder();
    private final LongAdder heldSeats = new LongAdder();
    private final LongAdder chosenHolds = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder purchases = new LongAdder();
    private final LongAdder soldSeats = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Latencies holdOk = new Latencies();
    private final Latencies holdConflict = new Latencies();
    private final Latencies confirmOk = new Latencies();
    private ServerProbe probe;

    {
        List<String> lines = lines(OnSale.SEATS_FILE);
        seatIds = new String[lines.size() - 1];
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            seatIds[Integer.parseInt(f[0])] = f[1];
            positions.put(f[1], Integer.parseInt(f[0]));
        }
        taken = new AtomicIntegerArray(seatIds.length);
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (String token : lines(OnSale.BUYERS_FILE).subList(1, buyers + 1)) {
            tokens.add(Map.of("token", token));
        }

        setUp(scenario(SCENARIO)
                .feed(listFeeder(tokens).circular())
                .exec(session -> session.set("auth", "Bearer " + session.getString("token")))
                .exec(asLongAs(session -> running()).on(
                        exec(this::nextHold)
                                .exec(http(HOLD).post("/api/v1/bookings").header("Authorization", "#{auth}")
                                        .body(StringBody("#{holdBody}")).asJson()
                                        .check(status().saveAs("httpStatus"), status().in(201, 409).saveAs("status"),
                                                responseTimeInMillis().saveAs("rt"), bodyString().saveAs("body")))
                                .exec(this::afterHold)
                                .exitHereIf(session -> session.contains("limited"))
                                // a confirm that failed or timed out is sent again (it is idempotent: a PAID booking is returned
                                // as is), at most 3 times, so that the buyer's hold does not stay live and block its next hold
                                .asLongAs(session -> session.contains("bookingId") && session.getInt("confirmTries") < 3).on(
                                        exec(session -> session.set("confirmTries", session.getInt("confirmTries") + 1)
                                                .remove("status").remove("rt"))
                                                .exec(http(CONFIRM).post("/api/v1/bookings/#{bookingId}/confirm").header("Authorization", "#{auth}")
                                                        .body(StringBody("{\"paymentToken\": \"tok_visa\"}")).asJson()
                                                        .check(status().is(200).saveAs("status"), responseTimeInMillis().saveAs("rt")))
                                                .exec(this::afterConfirm))))
                .injectOpen(rampUsers(buyers).during(ramp)))
                .protocols(Bench.protocol())
                .maxDuration(bound.plus(ramp).plusSeconds(30));
    }

    @Override
    public void before() {
        try {
            Files.createDirectories(Bench.out());
            Files.writeString(Bench.startFile(Bench.out(), SCENARIO), Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + Machine.loadAverage() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        probe = new ServerProbe(System.getProperty("marquee.bench.db.name", "marquee_bench"));
        startNanos.set(System.nanoTime());
    }

    @Override
    public void after() {
        Map<String, Object> result = new LinkedHashMap<>();
        long start = startNanos.get();
        result.put("buyers", buyers);
        result.put("rampSeconds", ramp.toSeconds());
        result.put("boundSeconds", bound.toSeconds());
        result.put("soldOut", soldOut[0].get() && soldOut[1].get());
        result.put("soldOutAfterSeconds", soldOutNanos.get() == 0 ? null : seconds(soldOutNanos.get() - start));
        double holdSeconds = seconds(lastHoldNanos.get() - start);
        double purchaseSeconds = seconds(lastPurchaseNanos.get() - start);
        result.put("holds", holds.sum());
        result.put("chosenSeatHolds", chosenHolds.sum());
        result.put("heldSeats", heldSeats.sum());
        result.put("conflicts", conflicts.sum());
        result.put("purchases", purchases.sum());
        result.put("soldSeats", soldSeats.sum());
        result.put("holdWindowSeconds", holdSeconds);
        result.put("purchaseWindowSeconds", purchaseSeconds);
        result.put("holdsPerSecond", holdSeconds <= 0 ? null : Math.round(holds.sum() / holdSeconds * 10) / 10.0);
        result.put("purchasesPerSecond", purchaseSeconds <= 0 ? null : Math.round(purchases.sum() / purchaseSeconds * 10) / 10.0);
        result.put("seatsSoldPerSecond", purchaseSeconds <= 0 ? null : Math.round(soldSeats.sum() / purchaseSeconds * 10) / 10.0);
        result.put("holdAttemptsPerSecond", holdSeconds <= 0 ? null : Math.round((holds.sum() + conflicts.sum()) / holdSeconds * 10) / 10.0);
        result.put("holdLatencyMillis", holdOk.percentiles());
        result.put("conflictLatencyMillis", holdConflict.percentiles());
        result.put("confirmLatencyMillis", confirmOk.percentiles());
        Map<String, Long> errorCounts = new LinkedHashMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        result.put("errors", errorCounts);
        if (probe != null) {
            result.put("probe", probe.result());
        }
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(Bench.out().resolve(OnSale.APP_FILE).toFile(), result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[bench] on-sale: " + result);
    }

    private boolean running() {
        return !(soldOut[0].get() && soldOut[1].get()) && System.nanoTime() - startNanos.get() < bound.toNanos();
    }

    /** The next hold request of a buyer: which type, how many, by seat ids or best available. */
    private Session nextHold(Session session) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int type = soldOut[0].get() ? 1 : soldOut[1].get() ? 0 : random.nextInt(2);
        int quantity = quantity(random);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", eventId);
        boolean chosen = false;
        if (type == 0 && random.nextInt(100) < 40) {
            List<String> run = chooseSeats(random, quantity);
            if (!run.isEmpty()) {
                body.put("seatIds", run);
                chosen = true;
            }
        }
        if (!chosen) {
            body.put("seatTypeId", typeIds[type]);
            body.put("quantity", quantity);
        }
        try {
            return session.set("holdBody", JSON.writeValueAsString(body)).set("holdType", type).set("chosen", chosen)
                    .remove("bookingId").remove("status").remove("httpStatus").remove("rt").remove("body");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int quantity(ThreadLocalRandom random) {
        int roll = random.nextInt(100);
        for (int q = 0; q < QUANTITY_WEIGHTS.length; q++) {
            roll -= QUANTITY_WEIGHTS[q];
            if (roll < 0) {
                return q + 1;
            }
        }
        return 1;
    }

    /** Adjacent seats in one row, among those the buyers' seat map does not show as taken. */
    private List<String> chooseSeats(ThreadLocalRandom random, int quantity) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int p = random.nextInt(seatIds.length);
            if (taken.get(p) != 0) {
                continue;
            }
            int rowEnd = (p / OnSale.SEATS_PER_ROW + 1) * OnSale.SEATS_PER_ROW;
            List<String> run = new ArrayList<>();
            for (int i = p; i < rowEnd && run.size() < quantity && taken.get(i) == 0; i++) {
                run.add(seatIds[i]);
            }
            return run;
        }
        return List.of();
    }

    private Session afterHold(Session session) {
        long now = System.nanoTime();
        if (!session.contains("status")) {
            if (session.contains("httpStatus") && session.getInt("httpStatus") == 422) {
                // LIMIT_EXCEEDED: an earlier hold of this buyer is still live (its confirm never answered); the buyer stops
                errors.computeIfAbsent("hold: 422 LIMIT_EXCEEDED (an earlier hold is still live); the buyer stops", k -> new LongAdder()).increment();
                return session.set("limited", true);
            }
            errors.computeIfAbsent("hold: " + failure(session), k -> new LongAdder()).increment();
            return session;
        }
        int status = session.getInt("status");
        int rt = session.getInt("rt");
        try {
            JsonNode body = JSON.readTree(session.getString("body"));
            int type = session.getInt("holdType");
            if (status == 201) {
                holds.increment();
                lastHoldNanos.accumulateAndGet(now, Math::max);
                holdOk.add(rt);
                if (session.getBoolean("chosen")) {
                    chosenHolds.increment();
                }
                JsonNode seats = body.path("seats");
                heldSeats.add(seats.size());
                markTaken(seats, "id");
                return session.set("bookingId", body.path("id").asText()).set("seats", seats.size()).set("confirmTries", 0).remove("body");
            }
            conflicts.increment();
            holdConflict.add(rt);
            for (JsonNode id : body.path("unavailableSeatIds")) {
                Integer p = positions.get(id.asText());
                if (p != null) {
                    taken.set(p, 1);
                }
            }
            if (!session.getBoolean("chosen") && body.has("available") && body.path("available").asInt() == 0) {
                if (!soldOut[type].getAndSet(true) && soldOut[1 - type].get()) {
                    soldOutNanos.compareAndSet(0, now - 0);
                }
            }
        } catch (IOException e) {
            errors.computeIfAbsent("hold: unreadable body", k -> new LongAdder()).increment();
        }
        return session.remove("body");
    }

    private void markTaken(JsonNode seats, String field) {
        for (JsonNode seat : seats) {
            Integer p = positions.get(seat.path(field).asText());
            if (p != null) {
                taken.set(p, 1);
            }
        }
    }

    private Session afterConfirm(Session session) {
        if (!session.contains("status")) {
            errors.computeIfAbsent("confirm: " + failure(session) + ", sent again up to 3 times", k -> new LongAdder()).increment();
            return session.markAsSucceeded();
        }
        purchases.increment();
        soldSeats.add(session.getInt("seats"));
        lastPurchaseNanos.accumulateAndGet(System.nanoTime(), Math::max);
        confirmOk.add(session.getInt("rt"));
        return session.remove("bookingId");
    }

    private static String failure(Session session) {
        return session.isFailed() ? "failed (status not as expected or no answer; see the Gatling report)" : "no status";
    }

    private static double seconds(long nanos) {
        return Math.round(Math.max(0, nanos) / 1e7) / 100.0;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Bench.out().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("no " + file + " in " + Bench.out() + " (LoadData writes it)", e);
        }
    }

    /** Response times in ms, kept whole (at most a few tens of thousands). */
    static final class Latencies {
        private int[] values = new int[1024];
        private int size;

        synchronized void add(int millis) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = millis;
        }

        synchronized Map<String, Object> percentiles() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("count", size);
            if (size == 0) {
                return p;
            }
            int[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            p.put("p50", sorted[index(0.50)]);
            p.put("p95", sorted[index(0.95)]);
            p.put("p99", sorted[index(0.99)]);
            p.put("max", sorted[size - 1]);
            p.put("mean", Math.round(Arrays.stream(sorted).average().orElse(0)));
            return p;
        }

        private int index(double q) {
            return Math.min(size - 1, (int) Math.ceil(q * size) - 1);
        }
    }
}
