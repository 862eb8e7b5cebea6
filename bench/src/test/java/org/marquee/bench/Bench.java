package org.marquee.bench;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpDsl;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** What every simulation shares: where the server is, the HTTP protocol, the phases of the load. */
public final class Bench {

    private Bench() {
    }

    public static String baseUrl() {
        return System.getProperty("marquee.bench.url", "http://127.0.0.1:31080");
    }

    /** Where the loader wrote its files and the summary goes ({@code target/bench}). */
    public static Path out() {
        Path out = Path.of(System.getProperty("marquee.bench.out", "target/bench"));
        try {
            java.nio.file.Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the report folder " + out, e);
        }
        return out;
    }

    /**
     * Loopback only; warm-up off (Gatling's default warm-up calls an outside host). Connections are
     * shared by the virtual users, as behind a load balancer that keeps connections open: the figures
     * are the server's work per request, not TCP set-up, and thousands of short-lived users cannot run
     * the machine out of ephemeral ports.
     */
    public static HttpProtocolBuilder protocol() {
        return HttpDsl.http.baseUrl(baseUrl())
                .acceptHeader("application/json")
                .userAgentHeader("marquee-bench")
                .disableWarmUp()
                .shareConnections();
    }

    /**
     * The load shape applied to one request chain: one Gatling scenario per phase, each starting when
     * the previous one has finished. {@code chain} gets the request name to use in that phase.
     */
    public static PopulationBuilder phases(String scenario, Function<String, ChainBuilder> chain) {
        return phases(scenario, chain, null);
    }

    /** {@link #phases(String, Function)}, then {@code after} once the last phase has finished. */
    public static PopulationBuilder phases(String scenario, Function<String, ChainBuilder> chain, PopulationBuilder after) {
        noteStart(scenario);
        List<LoadShape.Phase> phases = LoadShape.fromSystemProperties().phases();
        PopulationBuilder rest = after;
        for (int i = phases.size() - 1; i >= 0; i--) {
            LoadShape.Phase phase = phases.get(i);
            String name = LoadShape.requestName(scenario, phase);
            Duration length = Duration.ofSeconds(phase.seconds());
            PopulationBuilder population = phase.open()
                    ? scenario(name).exec(chain.apply(name)).injectOpen(constantUsersPerSec(phase.level()).during(length))
                    : scenario(name).exec(chain.apply(name)).injectClosed(constantConcurrentUsers(phase.level()).during(length));
            rest = rest == null ? population : population.andThen(rest);
        }
        return rest;
    }

    /**
     * Records how busy the machine is as a scenario starts (the simulation is built just before it runs):
     * scenarios run minutes apart on a shared machine, and the summary shows each one's load average.
     */
    private static void noteStart(String scenario) {
        try {
            Files.createDirectories(out());
            Files.writeString(startFile(out(), scenario), Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + Machine.loadAverage() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where {@link #phases} notes when a scenario started and the load average then: "instant l1 l5 l15". */
    static Path startFile(Path out, String scenario) {
        return out.resolve("started-" + scenario.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".txt");
    }

    /** A bound on a simulation's length: its plan plus room for the last answers (request timeout 10 s). */
    public static Duration maxDuration() {
        return Duration.ofSeconds(LoadShape.fromSystemProperties().seconds() + 60L);
    }

    /** The event ids the loader created, most popular first. */
    public static List<String> eventIds() {
        Path file = out().resolve(LoadData.EVENTS_FILE);
        try {
            return Files.readAllLines(file).stream().skip(1).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no event ids at " + file + " (LoadData writes them)", e);
        }
    }

    /**
     * The request body of an event the bench loaders create ({@code POST /api/v1/events}): a concert at the
     * bench's arena, three hours long, whose sale closes an hour before it starts.
     */
    static Map<String, Object> concert(String name, Instant startAt, Instant saleStartAt, List<Map<String, Object>> seatTypes) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", name);
        event.put("category", "CONCERT");
        event.put("venue", Map.of("name", "Hot Arena", "city", "London", "country", "GB"));
        event.put("performers", List.of(Map.of("name", "Neon Parade")));
        event.put("startAt", startAt.toString());
        event.put("endAt", startAt.plus(3, ChronoUnit.HOURS).toString());
        event.put("saleStartAt", saleStartAt.toString());
        event.put("saleEndAt", startAt.minus(1, ChronoUnit.HOURS).toString());
        event.put("seatTypes", seatTypes);
        return event;
    }

    /** A general-admission seat type of a {@link #concert}, priced in GBP. */
    static Map<String, Object> generalAdmission(String price, int quantity) {
        Map<String, Object> standing = new LinkedHashMap<>();
        standing.put("name", "General admission");
        standing.put("price", price);
        standing.put("currency", "GBP");
        standing.put("reservedSeating", false);
        standing.put("quantity", quantity);
        return standing;
    }

    /** A JSON request of the bench's set-up (not measured); its body, or an exception when the status is not {@code expected}. */
    static String send(HttpClient client, URI base, String method, String path, String token, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
