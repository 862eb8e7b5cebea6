package org.marquee.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The read path of a hot sale measured beside its floors, in one run: the event view (plain, gzip, and
 * a 304 revalidation), the live seat map of the 80,000-seat stadium, a waiting-room poll and the event
 * list, against Payara's own {@code GET /health/live} and a bare JAX-RS JSON GET of an event view's size
 * in a bench-only WAR on the same domain. Each target runs {@code bench.view.rounds} times, the targets
 * taking turns, so that the shared machine's drift falls on all of them alike; the report gives
 * requests/s, p50/p99, the server's CPU time per request (from /proc) and the ratios to both floors.
 * Writes view.md and view.json. The load is {@link ClosedLoopLoad} with {@code bench.view.connections}.
 */
public final class ViewBench {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TICK_MILLIS = 10.0;   // USER_HZ 100

    record Target(String name, String path, Map<String, String> headers, int status) {
    }

    private ViewBench() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.getLong("bench.view.seconds", 10);
        if (seconds <= 0) {
            System.out.println("[bench] view scenario skipped (bench.view.seconds = 0)");
            return;
        }
        int rounds = Integer.getInteger("bench.view.rounds", 2);
        int connections = Integer.getInteger("bench.view.connections", 32);
        URI base = URI.create(System.getProperty("marquee.bench.url", "http://127.0.0.1:31080"));
        Path out = Bench.out();
        Instant started = Instant.now();
        String loadAtStart = Machine.loadAverage();

        List<String> events = Bench.eventIds();
        String stadium = events.get(0);
        String event = events.get(1);
        String etag = CLIENT.send(get(base, "/api/v1/events/" + event), HttpResponse.BodyHandlers.discarding()).headers()
                .firstValue("ETag").orElseThrow();
        String ticket = queueTicket(base);

        List<Target> targets = List.of(
                new Target("GET /health/live (Payara, no application code)", "/health/live", Map.of(), 200),
                new Target("bare JAX-RS JSON GET (bench-only WAR)", "/bench-baseline/floor/view", Map.of(), 200),
                new Target("event view", "/api/v1/events/" + event, Map.of(), 200),
                new Target("event view, gzip", "/api/v1/events/" + event, Map.of("Accept-Encoding", "gzip"), 200),
                new Target("event view, 304 revalidation", "/api/v1/events/" + event, Map.of("If-None-Match", etag), 304),
                new Target("seat status, 80,000 seats, gzip", "/api/v1/events/" + stadium + "/seats/status",
                        Map.of("Accept-Encoding", "gzip"), 200),
                new Target("seat status, 80,000 seats", "/api/v1/events/" + stadium + "/seats/status", Map.of(), 200),
                new Target("queue poll", "/api/v1/queue/" + ticket, Map.of(), 200),
                new Target("event list (20)", "/api/v1/events?size=20", Map.of(), 200));
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Target t : targets) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(t.path())).timeout(Duration.ofSeconds(30));
            t.headers().forEach(request::header);
            sizes.put(t.name(), (long) CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).body().length);
        }

        Map<String, List<ClosedLoopLoad.Result>> results = new LinkedHashMap<>();
        Map<String, Long> cpuTicks = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Target t : targets) {
                long before = payaraTicks();
                ClosedLoopLoad.Result r = ClosedLoopLoad.run(base, t.path(), t.headers(), t.status(), connections, 2000, seconds * 1000);
                cpuTicks.merge(t.name(), payaraTicks() - before, Long::sum);
                results.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(r);
                System.out.printf(Locale.ROOT, "[bench] view round %d: %-48s %,9.0f/s p50 %6.2f ms p99 %7.2f ms%s%n", round, t.name(),
                        r.perSecond(), r.percentileMillis(0.5), r.percentileMillis(0.99),
                        r.unexpected() > 0 ? "  (" + r.unexpected() + " unexpected answers)" : "");
            }
        }
        write(out, started, loadAtStart, connections, seconds, rounds, targets, sizes, results, cpuTicks);
    }

    private static void write(Path out, Instant started, String loadAtStart, int connections, long seconds, int rounds, List<Target> targets,
                              Map<String, Long> sizes, Map<String, List<ClosedLoopLoad.Result>> results, Map<String, Long> cpuTicks)
            throws IOException {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Target t : targets) {
            List<ClosedLoopLoad.Result> runs = results.get(t.name());
            long requests = runs.stream().mapToLong(ClosedLoopLoad.Result::requests).sum();
            long all = runs.stream().mapToLong(ClosedLoopLoad.Result::allRequests).sum();
            double secs = runs.stream().mapToDouble(ClosedLoopLoad.Result::seconds).sum();
            long[] merged = ClosedLoopLoad.merge(runs.stream().map(ClosedLoopLoad.Result::histogram).toList());
            ClosedLoopLoad.Result total = new ClosedLoopLoad.Result(requests, all,
                    runs.stream().mapToLong(ClosedLoopLoad.Result::unexpected).sum(), secs, merged);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", t.path().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}"));
            row.put("bodyBytes", sizes.get(t.name()));
            row.put("requestsPerSecond", Math.round(total.perSecond()));
            row.put("roundsPerSecond", runs.stream().map(r -> Math.round(r.perSecond())).toList());
            row.put("p50Millis", total.percentileMillis(0.5));
            row.put("p99Millis", total.percentileMillis(0.99));
            row.put("unexpected", total.unexpected());
            row.put("serverCpuMillisPerRequest", all == 0 ? null : Math.round(cpuTicks.get(t.name()) * TICK_MILLIS / all * 1000) / 1000.0);
            rows.put(t.name(), row);
        }
        double live = ((Number) rows.get(targets.get(0).name()).get("requestsPerSecond")).doubleValue();
        double bare = ((Number) rows.get(targets.get(1).name()).get("requestsPerSecond")).doubleValue();
        rows.values().forEach(row -> {
            double rate = ((Number) row.get("requestsPerSecond")).doubleValue();
            row.put("toHealthLive", Math.round(rate / live * 100) / 100.0);
            row.put("toBareJaxRs", Math.round(rate / bare * 100) / 100.0);
        });

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", started.toString());
        report.put("machine", Machine.describe());
        report.put("loadAverageAtStart", loadAtStart);
        report.put("connections", connections);
        report.put("secondsPerRun", seconds);
        report.put("rounds", rounds);
        report.put("targets", rows);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("view.json").toFile(), report);

        StringBuilder md = new StringBuilder("# Read path of a hot sale\n\n");
        md.append(String.format(Locale.ROOT, "%s, %d connections, %d rounds of %d s per target (taking turns), load average at start %s, "
                + "after %s.%n%n", started.truncatedTo(ChronoUnit.SECONDS), connections, rounds, seconds, loadAtStart,
                Machine.loadAverage().isEmpty() ? "?" : "the run " + Machine.loadAverage()));
        md.append("| target | body bytes | requests/s (rounds) | p50 ms | p99 ms | server CPU ms/request | × /health/live | × bare JAX-RS | unexpected |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach((name, row) -> md.append(String.format(Locale.ROOT, "| %s | %,d | %,d (%s) | %.2f | %.2f | %s | %.2f | %.2f | %d |%n", name,
                (Long) row.get("bodyBytes"), (Long) row.get("requestsPerSecond"), row.get("roundsPerSecond"), (Double) row.get("p50Millis"),
                (Double) row.get("p99Millis"), row.get("serverCpuMillisPerRequest"), (Double) row.get("toHealthLive"),
                (Double) row.get("toBareJaxRs"), (Long) row.get("unexpected"))));
        md.append("\nServer CPU: utime + stime of the Payara process over the run (warm-up included) divided by its requests.\n");
        Files.writeString(out.resolve("view.md"), md);
        System.out.println("[bench] view report: " + out.resolve("view.md"));
    }

    /** A ticket in the waiting room of an event whose sale opens tomorrow: a poll that answers WAITING. */
    private static String queueTicket(URI base) throws IOException, InterruptedException {
        String admin = BenchAuth.bearerToken(CLIENT, base).orElseThrow();
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> body = Bench.concert("Queue bench", now.plus(30, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS),
                List.of(Bench.generalAdmission("30.00", 100)));
        String event = JSON.readTree(send(base, "POST", "/api/v1/events", admin, JSON.writeValueAsString(body), 201)).path("id").asText();
        send(base, "PUT", "/api/v1/events/" + event + "/waiting-room", admin,
                "{\"enabled\": true, \"admitPerMinute\": 600, \"shoppingWindowSeconds\": 600}", 200);
        String email = "queue-bench-" + UUID.randomUUID() + "@example.test";
        send(base, "POST", "/api/v1/auth/register", null, "{\"email\": \"" + email + "\", \"password\": \"queue-bench-password\", \"name\": \"Fan\"}", 201);
        JsonNode token = JSON.readTree(send(base, "POST", "/api/v1/auth/token", null,
                "{\"email\": \"" + email + "\", \"password\": \"queue-bench-password\"}", 200));
        JsonNode joined = JSON.readTree(send(base, "POST", "/api/v1/events/" + event + "/queue", token.path("accessToken").asText(), null, 201));
        return joined.path("ticket").asText();
    }

    private static String send(URI base, String method, String path, String token, String body, int expected)
            throws IOException, InterruptedException {
        return Bench.send(CLIENT, base, method, path, token, body, expected);
    }

    private static HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build();
    }

    /** utime + stime (ticks) of the bench's Payara domain process, or 0 where /proc cannot tell. */
    static long payaraTicks() {
        String domain = "-domainname " + System.getProperty("marquee.bench.domain", "marquee-bench") + " ";
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).mapToLong(p -> {
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (!cmd.contains("java") || !cmd.contains(domain)) {
                        return 0;
                    }
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException | RuntimeException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
