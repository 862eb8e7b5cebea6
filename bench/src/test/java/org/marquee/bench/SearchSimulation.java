package org.marquee.bench;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Fans searching: {@code GET /api/v1/events/search} over the events {@code tools/search-data} generated (a
 * million by default; their words, cities, categories and performers are the generator's), in two mixes, one
 * after the other, each through every phase of the load shape:
 *
 * <ul>
 * <li>{@value #SCENARIO}, the long tail: most queries are new (an adjective and a genre with a page and a
 * month, a genre in a city, a misspelt genre with a word, a performer's name), so most answers are not
 * in the node's answer cache;
 * <li>{@value #HOT}: the {@link #HOT_QUERIES} everyone asks, answered from the cache.
 * </ul>
 *
 * The node's readiness check is read before each mix and at the end ({@code search-cache.json}): how many
 * answers came from its cache and how many were computed, the index size and the live heap.
 */
public class SearchSimulation extends Simulation {

    public static final String SCENARIO = "search";
    public static final String HOT = "search-hot";
    static final String SNAPSHOTS = "search-cache.json";

    /** The generator's words (bench/tools/generate-events-session.sql). */
    static final String[] ADJECTIVES = {"Grand", "Midnight", "Golden", "Electric", "Royal", "Silent", "Wild", "Crystal", "Velvet",
        "Summer", "Winter", "Autumn", "Spring", "Northern", "Southern", "Urban", "Cosmic", "Acoustic", "Jazzy", "Baroque", "Romantic",
        "Modern", "Classic", "Secret"};
    static final String[] NOUNS = {"Gala", "Festival", "Night", "Session", "Tour", "Showcase", "Marathon", "Matinee", "Revue", "Jubilee",
        "Parade", "Cup", "Derby", "Final", "Summit", "Forum", "Evening", "Weekend", "Premiere", "Encore", "Serenade", "Rhapsody", "Voyage",
        "Carnival"};
    static final String[] GENRES = {"Jazz", "Rock", "Symphony", "Opera", "Ballet", "Blues", "Techno", "Folk", "Hip Hop", "Comedy",
        "Football", "Tennis", "Hockey", "Basketball", "Theatre", "Musical", "Chamber Music", "Piano", "Guitar", "Poetry", "Cinema",
        "Science", "Design", "Cooking"};
    static final String[] CITIES = {"Zürich", "zurich", "Genève", "Basel", "Bern", "Paris", "Lyon", "Berlin", "München", "Wien", "Milano",
        "Madrid", "Lisboa", "London", "Dublin", "Amsterdam", "København", "Stockholm", "Praha", "New York", "Toronto", "São Paulo",
        "Tokyo", "Sydney", "Reykjavík"};
    static final String[] CATEGORIES = {"CONCERT", "SPORTS", "THEATRE", "COMEDY", "FESTIVAL", "CONFERENCE", "OTHER"};
    static final int PERFORMERS = 20_000;

    /** The long tail: query kinds and their weights (per cent). */
    private static final Object[][] LONG_TAIL = {
        {30, (Supplier<String>) () -> "q=" + enc(pick(ADJECTIVES) + " " + pick(GENRES)) + "&page=" + random(5) + month()},
        {25, (Supplier<String>) () -> "q=" + enc(pick(GENRES)) + "&city=" + enc(pick(CITIES))
                + (random(2) == 0 ? "&category=" + pick(CATEGORIES) : "")},
        {20, (Supplier<String>) () -> "q=" + enc(typo(pick(GENRES)) + " " + pick(random(2) == 0 ? ADJECTIVES : NOUNS).toLowerCase())},
        {25, (Supplier<String>) () -> "q=" + enc(performer(1 + random(PERFORMERS)))},
    };

    /** What everyone asks. */
    static final String[] HOT_QUERIES = {"q=jazz", "q=rock+festival", "q=opera&city=Paris", "city=Z%C3%BCrich", "size=20",
        "category=SPORTS&from=2027-01-01T00:00:00Z&to=2027-03-01T00:00:00Z", "q=techno&page=1", "q=symphny"};

    private final AtomicBoolean hotStarted = new AtomicBoolean();

    {
        Iterator<Map<String, Object>> longTail = Stream.generate(() -> Map.<String, Object>of("query", longTail())).iterator();
        Iterator<Map<String, Object>> hot = Stream.generate(() -> Map.<String, Object>of("query", pick(HOT_QUERIES))).iterator();
        setUp(Bench.phases(SCENARIO, name -> search(name, longTail),
                        Bench.phases(HOT, name -> exec(session -> {
                            if (hotStarted.compareAndSet(false, true)) {
                                snapshot("hotStart");
                            }
                            return session;
                        }).exec(search(name, hot)))))
                .protocols(Bench.protocol())
                .maxDuration(Bench.maxDuration().multipliedBy(2));
    }

    private static ChainBuilder search(String name, Iterator<Map<String, Object>> queries) {
        return feed(queries).exec(http(name).get("/api/v1/events/search?#{query}").check(status().is(200)));
    }

    @Override
    public void before() {
        snapshot("start");
    }

    @Override
    public void after() {
        snapshot("end");
    }

    @SuppressWarnings("unchecked")
    static String longTail() {
        int roll = random(100);
        for (Object[] kind : LONG_TAIL) {
            roll -= (Integer) kind[0];
            if (roll < 0) {
                return ((Supplier<String>) kind[1]).get();
            }
        }
        throw new IllegalStateException("weights do not add up to 100");
    }

    /** A performer's name as the generator makes it. */
    static String performer(int p) {
        return "Artist " + ADJECTIVES[p % 24] + " " + NOUNS[(p / 24) % 24] + " " + p;
    }

    /** One typo after the first letter (a letter dropped, doubled or replaced) in the first word. */
    static String typo(String words) {
        String word = words.split(" ")[0].toLowerCase();
        int at = 1 + random(word.length() - 1);
        return switch (random(3)) {
            case 0 -> word.substring(0, at) + word.substring(at + 1);
            case 1 -> word.substring(0, at) + word.charAt(at) + word.substring(at);
            default -> word.substring(0, at) + (char) ('a' + random(26)) + word.substring(at + 1);
        };
    }

    /** Half the time, a month of 2027 as the start range. */
    private static String month() {
        if (random(2) == 0) {
            return "";
        }
        int m = 1 + random(11);
        return String.format("&from=2027-%02d-01T00:00:00Z&to=2027-%02d-01T00:00:00Z", m, m + 1);
    }

    /** Adds the node's search figures (readiness data) under {@code label} to {@value #SNAPSHOTS}. */
    static synchronized void snapshot(String label) {
        ObjectMapper json = new ObjectMapper();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Bench.baseUrl() + "/health/ready"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            ObjectNode data = null;
            for (JsonNode check : json.readTree(r.body()).path("checks")) {
                if ("search-index".equals(check.path("name").asText())) {
                    data = (ObjectNode) check.path("data");
                }
            }
            if (data == null) {
                return;
            }
            data.put("at", Instant.now().toString());
            var file = Bench.out().resolve(SNAPSHOTS);
            ObjectNode all = Files.exists(file) && label.equals("start") ? json.createObjectNode()
                    : Files.exists(file) ? (ObjectNode) json.readTree(file.toFile()) : json.createObjectNode();
            all.set(label, data);
            Files.createDirectories(Bench.out());
            json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), all);
        } catch (IOException e) {
            System.out.println("[bench] search snapshot " + label + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    private static String pick(String[] values) {
        return values[random(values.length)];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
