package org.marquee.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The booking API at its peak, measured by a plain client (not Gatling), beside its floor in the same
 * run. Floor: {@code bench.booking.threads} threads POSTing to a bare JAX-RS resource of the bench-only
 * WAR that does one conditional UPDATE of a random seat of a 1,000,000-row table in the bench database.
 * Marquee, first hold-then-confirm: the same threads, each its own customer, holding 1-4 places of a
 * 20,000-place general-admission event and confirming with {@code tok_visa}, until the event sells out or
 * {@code bench.booking.seconds} pass (the bench domain runs with the hold rate limits off). Then holds
 * alone: holding 1-4 places of a 60,000-place event for up to 15 s (the bench domain lets a customer keep
 * many holds of an event), which gives the Payara CPU of a hold; it comes last because its holds stay
 * live for an hour and the reconciler's pass over every live hold would load a phase after it. A
 * confirm's CPU is that of a hold + confirm less a hold's. Reports requests/s of each kind, p50/p99, the Payara process's CPU (/proc), the answers
 * that were not 201/200, and the audit from PostgreSQL: no place sold twice or beyond the capacity, and
 * every PAID booking's money captured.
 * Writes booking.md and booking.json.
 */
public final class BookingBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int PLACES = 20_000;
    /** The hold-only phase's event: enough places for its seconds of holds that are never paid. */
    private static final int HOLD_PLACES = 60_000;

    private BookingBench() {
    }

    /** What one kind of request did. */
    private static final class Kind {
        final AtomicLong ok = new AtomicLong();
        final Map<Integer, AtomicLong> other = new ConcurrentHashMap<>();
        final List<long[]> histograms = new ArrayList<>();

        synchronized long[] histogram() {
            long[] h = ClosedLoopLoad.newHistogram();
            histograms.add(h);
            return h;
        }

        Map<String, Object> report(double seconds) {
            long count = ok.get() + other.values().stream().mapToLong(AtomicLong::get).sum();
            ClosedLoopLoad.Result r = new ClosedLoopLoad.Result(count, count, 0, seconds, ClosedLoopLoad.merge(histograms));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("requests", count);
            out.put("perSecond", Math.round(r.perSecond()));
            out.put("ok", ok.get());
            out.put("otherStatuses", new java.util.TreeMap<>(other));
            out.put("p50Millis", r.percentileMillis(0.5));
            out.put("p99Millis", r.percentileMillis(0.99));
            return out;
        }
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.getLong("bench.booking.seconds", 40);
        if (seconds <= 0) {
            System.out.println("[bench] booking scenario skipped (bench.booking.seconds = 0)");
            return;
        }
        int threads = Integer.getInteger("bench.booking.threads", 32);
        URI base = URI.create(System.getProperty("marquee.bench.url", "http://127.0.0.1:31080"));
        Path out = Bench.out();
        Instant started = Instant.now();
        String loadAtStart = Machine.loadAverage();

        // the floor: a bare conditional UPDATE behind a bare JAX-RS POST
        prepareBaselineSeats();
        Kind bare = new Kind();
        String database = System.getProperty("marquee.bench.db.name", "marquee_bench");
        ServerProbe probe = new ServerProbe(database);
        double bareSeconds = run(threads, Math.min(seconds, 20), (http, stop) -> {
            byte[] request = RawHttp.request(base, "POST", "/bench-baseline/floor/hold", Map.of(), "{}");
            long[] histogram = bare.histogram();
            while (System.nanoTime() < stop) {
                timed(http, request, false, bare, histogram, 200, 409);
            }
        });
        Map<String, Object> bareProbe = probe.result();

        // Marquee: hold-then-confirm (CPU per hold + confirm), then holds alone (CPU per hold)
        String admin = BenchAuth.bearerToken(CLIENT, base).orElseThrow();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            tokens.add(customerToken(base));
        }
        // hold then confirm first: the holds-alone phase leaves its holds live for an hour, and the reconciler's
        // periodic pass over every live hold would load a phase measured after it
        String[] event = newEvent(base, admin, "Booking peak", PLACES);
        String eventId = event[0];
        Kind holds = new Kind();
        Kind confirms = new Kind();
        AtomicLong soldOut = new AtomicLong();
        probe = new ServerProbe(database);
        AtomicLong next = new AtomicLong();
        double bookingSeconds = run(threads, seconds, (http, stop) -> {
            String token = tokens.get((int) next.getAndIncrement());
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
            long[] holdHistogram = holds.histogram();
            long[] confirmHistogram = confirms.histogram();
            while (System.nanoTime() < stop) {
                HoldResult held = hold(http, base, auth, event, holds, holdHistogram);
                if (held == HoldResult.SOLD_OUT) {
                    soldOut.incrementAndGet();
                    return;
                }
                if (held.bookingId() == null) {
                    continue;
                }
                Map<String, String> confirmHeaders = new LinkedHashMap<>(auth);
                confirmHeaders.put("Idempotency-Key", UUID.randomUUID().toString());
                timed(http, RawHttp.request(base, "POST", "/api/v1/bookings/" + held.bookingId() + "/confirm", confirmHeaders,
                        "{\"paymentToken\": \"tok_visa\"}"), false, confirms, confirmHistogram, 200);
            }
        });
        Map<String, Object> bookingProbe = probe.result();

        String[] holdOnly = newEvent(base, admin, "Booking peak, holds", HOLD_PLACES);
        Kind lone = new Kind();
        probe = new ServerProbe(database);
        AtomicLong nextLone = new AtomicLong();
        double holdSeconds = run(threads, Math.min(seconds, 15), (http, stop) -> {
            Map<String, String> auth = Map.of("Authorization", "Bearer " + tokens.get((int) nextLone.getAndIncrement()));
            long[] histogram = lone.histogram();
            while (System.nanoTime() < stop) {
                if (hold(http, base, auth, holdOnly, lone, histogram) == HoldResult.SOLD_OUT) {
                    return;
                }
            }
        });
        Map<String, Object> holdProbe = probe.result();

        Map<String, Object> audit = audit(eventId);
        long bookingRequests = holds.ok.get() + confirms.ok.get() + holds.other.values().stream().mapToLong(AtomicLong::get).sum()
                + confirms.other.values().stream().mapToLong(AtomicLong::get).sum();
        long bareRequests = bare.ok.get() + bare.other.values().stream().mapToLong(AtomicLong::get).sum();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", started.toString());
        report.put("machine", Machine.describe());
        report.put("loadAverageAtStart", loadAtStart);
        report.put("threads", threads);
        Map<String, Object> floor = bare.report(bareSeconds);
        Map<String, Double> floorCpu = cpuMillisPer(bareProbe, bareRequests);
        floor.put("serverCpuMillisPerRequest", floorCpu.getOrDefault(ServerProbe.PAYARA, 0.0));
        floor.put("cpuMillisPerRequestByProcess", floorCpu);
        report.put("bareConditionalUpdate", floor);
        Map<String, Object> holdPhase = lone.report(holdSeconds);
        long loneRequests = lone.ok.get() + lone.other.values().stream().mapToLong(AtomicLong::get).sum();
        Map<String, Double> holdCpu = cpuMillisPer(holdProbe, loneRequests);
        double cpuPerHold = holdCpu.getOrDefault(ServerProbe.PAYARA, 0.0);
        holdPhase.put("cpuMillisPerHoldByProcess", holdCpu);
        holdPhase.put("serverCpuMillisPerHold", round(cpuPerHold));
        report.put("holdsAlone", holdPhase);
        report.put("seconds", Math.round(bookingSeconds * 10) / 10.0);
        report.put("soldOutThreads", soldOut.get());
        report.put("holds", holds.report(bookingSeconds));
        report.put("confirms", confirms.report(bookingSeconds));
        double bookingRate = bookingRequests / bookingSeconds;
        report.put("bookingRequestsPerSecond", Math.round(bookingRate));
        report.put("toBareUpdate", round(bookingRate / (bareRequests / bareSeconds)));
        long pairs = Math.max(1, Math.min(holds.ok.get(), confirms.ok.get()));
        Map<String, Double> pairCpu = cpuMillisPer(bookingProbe, pairs);
        double cpuPerPair = pairCpu.getOrDefault(ServerProbe.PAYARA, 0.0);
        report.put("cpuMillisPerHoldAndConfirmByProcess", pairCpu);
        report.put("databaseBackendsDuringHoldAndConfirm", bookingProbe.get("activity"));
        report.put("pgStatDatabaseDuringHoldAndConfirm", bookingProbe.get("pgStatDatabase"));
        report.put("serverCpuMillisPerHoldAndConfirm", round(cpuPerPair));
        report.put("serverCpuMillisPerBookingRequest", round(cpuPerPair * pairs / Math.max(1, bookingRequests)));
        // a confirm's CPU: what a hold + confirm costs beyond a hold measured alone in the same run
        report.put("serverCpuMillisPerConfirm", round(cpuPerPair - cpuPerHold));
        report.put("audit", audit);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("booking.json").toFile(), report);
        Files.writeString(out.resolve("booking.md"), markdown(report));
        System.out.println("[bench] booking: " + JSON.writeValueAsString(report.get("holds")) + " " + JSON.writeValueAsString(report.get("confirms"))
                + " audit " + JSON.writeValueAsString(audit));
    }

    /** A hold's outcome: the booking held, nothing (refused, or the connection broke), or the event sold out. */
    private record HoldResult(String bookingId) {
        static final HoldResult SOLD_OUT = new HoldResult(null);
        static final HoldResult NONE = new HoldResult(null);
    }

    /** Holds 1-4 places of the event's general admission with a fresh Idempotency-Key. */
    private static HoldResult hold(RawHttp http, URI base, Map<String, String> auth, String[] event, Kind kind, long[] histogram)
            throws IOException {
        int quantity = ThreadLocalRandom.current().nextInt(1, 5);
        Map<String, String> headers = new LinkedHashMap<>(auth);
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        RawHttp.Answer held = timed(http, RawHttp.request(base, "POST", "/api/v1/bookings", headers,
                "{\"eventId\": \"" + event[0] + "\", \"seatTypeId\": \"" + event[1] + "\", \"quantity\": " + quantity + "}"),
                true, kind, histogram, 201);
        if (held == null) {
            return HoldResult.NONE;
        }
        if (held.status() == 409 && held.body().contains("SEATS_UNAVAILABLE")) {
            return HoldResult.SOLD_OUT;
        }
        return held.status() == 201 ? new HoldResult(JSON.readTree(held.body()).path("id").asText()) : HoldResult.NONE;
    }

    /** A general-admission event on sale now: its id and its seat type's id. */
    private static String[] newEvent(URI base, String admin, String name, int places) throws IOException, InterruptedException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> body = Bench.concert(name, now.plus(30, ChronoUnit.DAYS), now.minus(1, ChronoUnit.HOURS),
                List.of(Bench.generalAdmission("40.00", places)));
        // holds left unpaid (the holds-alone phase leaves thousands) expire an hour later, not during the
        // next run's measurements: the sweeper ending them is heavy work for the database
        body.put("holdTtlSeconds", 3600);
        JsonNode event = JSON.readTree(send(base, "POST", "/api/v1/events", admin, JSON.writeValueAsString(body), 201));
        return new String[] {event.path("id").asText(), event.path("seatTypes").get(0).path("id").asText()};
    }

    private interface Worker {
        void work(RawHttp http, long stopAtNanos) throws Exception;
    }

    /** Runs the worker on each thread until the deadline (or until every worker returns); the seconds it took. */
    private static double run(int threads, long seconds, Worker worker) throws InterruptedException {
        long start = System.nanoTime();
        long stop = start + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try (RawHttp http = new RawHttp(URI.create(System.getProperty("marquee.bench.url", "http://127.0.0.1:31080")))) {
                    worker.work(http, stop);
                } catch (Exception e) {
                    System.err.println("[bench] booking worker stopped: " + e);
                } finally {
                    done.countDown();
                }
            }, "booking-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        return (System.nanoTime() - start) / 1e9;
    }

    /** One timed exchange; null when the connection broke (it is opened again by the next one). */
    private static RawHttp.Answer timed(RawHttp http, byte[] request, boolean keepBody, Kind kind, long[] histogram, int... expected) {
        long t0 = System.nanoTime();
        RawHttp.Answer answer;
        try {
            answer = http.exchange(request, keepBody);
        } catch (IOException e) {
            return null;
        }
        ClosedLoopLoad.record(histogram, System.nanoTime() - t0);
        boolean ok = false;
        for (int e : expected) {
            ok |= answer.status() == e;
        }
        if (ok) {
            kind.ok.incrementAndGet();
        } else {
            kind.other.computeIfAbsent(answer.status(), s -> new AtomicLong()).incrementAndGet();
        }
        return answer;
    }

    /** Sold places within the capacity and each in one live booking at most; every PAID booking's amount captured (waits up to 60 s for captures in flight). */
    private static Map<String, Object> audit(String eventId) throws SQLException, InterruptedException {
        Map<String, Object> audit = new LinkedHashMap<>();
        try (Connection db = database()) {
            audit.put("soldPlaces", count(db, "select count(*) from seat where event_id = cast(? as uuid) and status = 'SOLD'", eventId));
            audit.put("capacity", PLACES);
            audit.put("placesInTwoLiveBookings", count(db, """
                    select count(*) from (select i.seat_id from booking_item i join booking b on b.id = i.booking_id
                     where b.event_id = cast(? as uuid) and b.status in ('PENDING_PAYMENT', 'PAID') and i.active
                     group by i.seat_id having count(*) > 1) twice""", eventId));
            audit.put("paidBookings", count(db, "select count(*) from booking where event_id = cast(? as uuid) and status = 'PAID'", eventId));
            String uncaptured = """
                    select count(*) from booking b where b.event_id = cast(? as uuid) and b.status = 'PAID'
                       and not exists (select 1 from payment p where p.booking_id = b.id and p.status = 'CAPTURED' and p.amount = b.amount)""";
            long missing = count(db, uncaptured, eventId);
            for (int i = 0; i < 60 && missing > 0; i++) {
                Thread.sleep(1000);
                missing = count(db, uncaptured, eventId);
            }
            audit.put("paidWithoutCapturedMoney", missing);
            long sold = (Long) audit.get("soldPlaces");
            audit.put("oversold", Math.max(0, sold - PLACES) + (Long) audit.get("placesInTwoLiveBookings"));
        }
        return audit;
    }

    private static long count(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The floor's table, in the bench database only: 1,000,000 available seats. */
    private static void prepareBaselineSeats() throws SQLException {
        try (Connection db = database(); Statement s = db.createStatement()) {
            s.execute("drop table if exists bench_seat");
            s.execute("create table bench_seat (id int primary key, status char(1) not null)");
            s.execute("insert into bench_seat select n, 'A' from generate_series(1, 1000000) n");
            s.execute("analyze bench_seat");
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("marquee.bench.db.url"), System.getProperty("marquee.bench.db.user"),
                System.getProperty("marquee.bench.db.password"));
    }

    private static String customerToken(URI base) throws IOException, InterruptedException {
        String email = "booking-bench-" + UUID.randomUUID() + "@example.test";
        send(base, "POST", "/api/v1/auth/register", null, "{\"email\": \"" + email + "\", \"password\": \"booking-bench-password\", \"name\": \"Fan\"}", 201);
        return JSON.readTree(send(base, "POST", "/api/v1/auth/token", null,
                "{\"email\": \"" + email + "\", \"password\": \"booking-bench-password\"}", 200)).path("accessToken").asText();
    }

    private static String send(URI base, String method, String path, String token, String body, int expected)
            throws IOException, InterruptedException {
        return Bench.send(CLIENT, base, method, path, token, body, expected);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * CPU milliseconds per request of each process group the probe saw, plus the whole machine's busy
     * time and what other processes took, from a probe's result.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Double> cpuMillisPer(Map<String, Object> probed, long requests) {
        Map<String, Object> cpu = (Map<String, Object>) probed.get("cpu");
        Map<String, Double> perRequest = new LinkedHashMap<>();
        ((Map<String, Double>) cpu.get("cpuSecondsByProcess")).forEach((group, seconds) ->
                perRequest.put(group, round(seconds * 1000 / Math.max(1, requests))));
        for (String machine : List.of("otherProcessesCpuSeconds", "machineBusyCpuSeconds")) {
            if (cpu.get(machine) instanceof Double seconds) {
                perRequest.put(machine.equals("machineBusyCpuSeconds") ? MACHINE : OTHERS, round(seconds * 1000 / Math.max(1, requests)));
            }
        }
        return perRequest;
    }

    private static final String MACHINE = "the whole machine (busy)";
    private static final String OTHERS = "other processes";

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> report) {
        Map<String, Object> floor = (Map<String, Object>) report.get("bareConditionalUpdate");
        Map<String, Object> holds = (Map<String, Object>) report.get("holds");
        Map<String, Object> confirms = (Map<String, Object>) report.get("confirms");
        StringBuilder md = new StringBuilder("# Booking API at its peak\n\n");
        md.append(String.format(Locale.ROOT, "%s, %s threads, load average at start %s.%n%n", report.get("startedAt"), report.get("threads"),
                report.get("loadAverageAtStart")));
        md.append("| requests | per second | p50 ms | p99 ms | answers not 2xx |\n|---|---:|---:|---:|---|\n");
        md.append(String.format(Locale.ROOT, "| bare JAX-RS POST, one conditional UPDATE (floor) | %s | %s | %s | %s |%n", floor.get("perSecond"),
                floor.get("p50Millis"), floor.get("p99Millis"), floor.get("otherStatuses")));
        Map<String, Object> alone = (Map<String, Object>) report.get("holdsAlone");
        md.append(String.format(Locale.ROOT, "| holds alone (last phase) | %s | %s | %s | %s |%n", alone.get("perSecond"),
                alone.get("p50Millis"), alone.get("p99Millis"), alone.get("otherStatuses")));
        md.append(String.format(Locale.ROOT, "| hold (POST /bookings, 1-4 places) | %s | %s | %s | %s |%n", holds.get("perSecond"),
                holds.get("p50Millis"), holds.get("p99Millis"), holds.get("otherStatuses")));
        md.append(String.format(Locale.ROOT, "| confirm (POST /bookings/{id}/confirm, tok_visa) | %s | %s | %s | %s |%n", confirms.get("perSecond"),
                confirms.get("p50Millis"), confirms.get("p99Millis"), confirms.get("otherStatuses")));
        md.append(String.format(Locale.ROOT, "%nBooking requests (holds + confirms): **%s/s**, %s× the floor. Payara CPU: %s ms per hold "
                + "(holds alone), %s ms per confirm, %s ms per hold + confirm; floor: %s ms per request. Audit: %s.%n",
                report.get("bookingRequestsPerSecond"), report.get("toBareUpdate"), alone.get("serverCpuMillisPerHold"),
                report.get("serverCpuMillisPerConfirm"), report.get("serverCpuMillisPerHoldAndConfirm"), floor.get("serverCpuMillisPerRequest"),
                report.get("audit")));
        Map<String, Double> floorCpu = (Map<String, Double>) floor.get("cpuMillisPerRequestByProcess");
        Map<String, Double> holdCpu = (Map<String, Double>) alone.get("cpuMillisPerHoldByProcess");
        Map<String, Double> pairCpu = (Map<String, Double>) report.get("cpuMillisPerHoldAndConfirmByProcess");
        md.append("\nCPU milliseconds by process (`/proc` deltas over each phase):\n\n"
                + "| process | floor, per request | holds alone, per hold | hold then confirm, per pair |\n|---|---:|---:|---:|\n");
        java.util.Set<String> groups = new java.util.LinkedHashSet<>();
        for (Map<String, Double> phase : List.of(floorCpu, holdCpu, pairCpu)) {
            phase.keySet().stream().filter(g -> !g.equals(MACHINE) && !g.equals(OTHERS)).forEach(groups::add);
        }
        groups.add(OTHERS);
        groups.add(MACHINE);
        for (String group : groups) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", group, floorCpu.getOrDefault(group, 0.0),
                    holdCpu.getOrDefault(group, 0.0), pairCpu.getOrDefault(group, 0.0)));
        }
        return md.toString();
    }
}
