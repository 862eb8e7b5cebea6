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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Fills the benchmark's fresh database through the real API ({@code POST /api/v1/events}): N ordinary
 * events (concerts, plays, matches across a dozen cities, 500 seats each: 200 numbered, 300 standing),
 * then one stadium of 80,000 numbered seats, whose creation time is one of the figures the summary
 * reports. Writes {@code events.csv} (the ids, most popular first: the stadium, then the others in
 * creation order) and {@code load.json} (what was created and how long it took) into {@code marquee.bench.out}.
 * Then the on-sale scenario's hot event, its twin and buyers ({@link OnSale}; none if {@code bench.onsale.buyers} is 0),
 * and the surge scenario's event, waiting room and queue ({@link Surge}; none if {@code bench.surge.queued} is 0).
 */
public final class LoadData {

    public static final String EVENTS_FILE = "events.csv";
    public static final String LOAD_FILE = "load.json";

    static final int STADIUM_ROWS = 40;
    static final int STADIUM_SEATS_PER_ROW = 25;
    /** Stadium seat types: name, price, sections (of 40 rows x 25 seats = 1,000 seats). 80 sections in all. */
    static final Object[][] STADIUM_CATEGORIES = {{"Category 1", "1600.00", 20}, {"Category 2", "800.00", 24}, {"Category 3", "300.00", 36}};

    private static final String[][] CITIES = {{"Paris", "FR"}, {"London", "GB"}, {"Berlin", "DE"}, {"Madrid", "ES"},
        {"Rome", "IT"}, {"Geneva", "CH"}, {"Amsterdam", "NL"}, {"New York", "US"}, {"Chicago", "US"}, {"Toronto", "CA"},
        {"Tokyo", "JP"}, {"Sydney", "AU"}};
    private static final String[] VENUES = {"Arena", "Concert Hall", "Theatre", "Stadium", "Club", "Opera House"};
    private static final String[] CATEGORIES = {"CONCERT", "THEATRE", "SPORTS", "COMEDY", "FESTIVAL", "CONFERENCE"};
    private static final String[] PERFORMERS = {"The Night Owls", "Aurora Quartet", "Brass Republic", "Luna Vega",
        "The Paper Kites Tribute", "Northern Lights Orchestra", "Miles Ahead Trio", "Velvet Echo", "Kid Saturn",
        "The Understudies", "Laughing Matter", "FC Riverside", "Atletico Harbour", "Clara Moreau", "Static Bloom",
        "Jazz at Dawn", "Electric Mayhem", "The Improvisers", "Sol Y Sombra", "Neon Parade"};

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Optional<String> token;

    private LoadData(URI base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(System.getProperty("marquee.bench.url", "http://127.0.0.1:31080"));
        Path out = Path.of(System.getProperty("marquee.bench.out", "target/bench"));
        int count = Integer.getInteger("marquee.bench.events", 200);
        Files.createDirectories(out);
        Instant started = Instant.now();
        String loadAverage = Machine.loadAverage();

        awaitReady(base);
        LoadData loader = new LoadData(base, BenchAuth.bearerToken(CLIENT, base));

        Random random = new Random(42);
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<String> ordinary = new ArrayList<>();
        long[] millis = new long[count];
        long ordinaryStart = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            ordinary.add(loader.create(ordinaryEvent(i, random, now)));
            millis[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        double ordinarySeconds = (System.nanoTime() - ordinaryStart) / 1e9;

        Map<String, Object> stadiumBody = stadium(now);
        long t0 = System.nanoTime();
        String stadium = loader.create(stadiumBody);
        long stadiumMillis = (System.nanoTime() - t0) / 1_000_000;
        int stadiumSeats = loader.totalSeats(stadium);
        int expected = expectedStadiumSeats();
        if (stadiumSeats != expected) {
            throw new IllegalStateException("the stadium has " + stadiumSeats + " seats, " + expected + " were asked for");
        }

        List<String> lines = new ArrayList<>();
        lines.add("eventId");
        lines.add(stadium);
        lines.addAll(ordinary);
        Files.write(out.resolve(EVENTS_FILE), lines);

        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", started.toString());
        report.put("loadAverageAtStart", loadAverage);
        report.put("baseUrl", base.toString());
        report.put("authenticated", loader.token.isPresent());
        report.put("events", count + 1);
        Map<String, Object> ordinaryReport = new LinkedHashMap<>();
        ordinaryReport.put("count", count);
        ordinaryReport.put("seatsEach", 500);
        ordinaryReport.put("seconds", Math.round(ordinarySeconds * 10) / 10.0);
        ordinaryReport.put("p50Millis", count == 0 ? 0 : sorted[count / 2]);
        ordinaryReport.put("p95Millis", count == 0 ? 0 : sorted[(int) Math.min(count - 1, Math.ceil(count * 0.95) - 1)]);
        ordinaryReport.put("maxMillis", count == 0 ? 0 : sorted[count - 1]);
        report.put("ordinaryEvents", ordinaryReport);
        Map<String, Object> stadiumReport = new LinkedHashMap<>();
        stadiumReport.put("id", stadium);
        stadiumReport.put("seats", stadiumSeats);
        stadiumReport.put("sections", stadiumSections());
        stadiumReport.put("createMillis", stadiumMillis);
        stadiumReport.put("requestBytes", JSON.writeValueAsBytes(stadiumBody).length);
        report.put("stadium", stadiumReport);
        if (OnSale.buyers() > 0) {
            report.put("onSale", OnSale.load(CLIENT, base, loader.token, out));
        }
        for (String file : List.of(Surge.FILE, Surge.APP_FILE, Surge.DB_FILE)) {
            Files.deleteIfExists(out.resolve(file)); // an earlier run's surge is not this run's
        }
        if (Surge.queued() > 0) {
            report.put("surge", Surge.load(CLIENT, base, loader.token, out));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(LOAD_FILE).toFile(), report);

        System.out.printf("[bench] created %d events (%.1f s, p50 %d ms) and a stadium of %,d seats in %,d ms%s%n", count,
                ordinarySeconds, count == 0 ? 0 : sorted[count / 2], stadiumSeats, stadiumMillis,
                loader.token.isPresent() ? " (with a bearer token)" : "");
    }

    /** The deployment is synchronous, but the first requests may still meet a server finishing its start. */
    private static void awaitReady(URI base) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(base.resolve("/health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the server at " + base + " is not ready: " + last);
    }

    private String create(Map<String, Object> body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/events"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/v1/events answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    private int totalSeats(String eventId) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/api/v1/events/" + eventId))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/events/" + eventId + " answered " + response.statusCode() + ": " + response.body());
        }
        int total = 0;
        for (JsonNode type : JSON.readTree(response.body()).path("seatTypes")) {
            total += type.path("total").asInt();
        }
        return total;
    }

    private static Map<String, Object> ordinaryEvent(int i, Random random, Instant now) {
        String[] city = CITIES[i % CITIES.length];
        String performer = PERFORMERS[random.nextInt(PERFORMERS.length)];
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        Instant startAt = now.plus(7 + random.nextInt(365), ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(19, ChronoUnit.HOURS);
        Map<String, Object> stalls = seatType("Stalls", (40 + random.nextInt(60)) + ".00", true);
        stalls.put("sections", List.of(section("A", 5, 20), section("B", 5, 20)));
        Map<String, Object> standing = seatType("Standing", (15 + random.nextInt(30)) + ".00", false);
        standing.put("quantity", 300);
        Map<String, Object> event = event(performer + " in " + city[0] + " #" + (i + 1), category,
                Map.of("name", city[0] + " " + VENUES[i % VENUES.length], "city", city[0], "country", city[1]),
                List.of(Map.of("name", performer)), startAt, now);
        event.put("description", category.toLowerCase() + " with " + performer + ", benchmark data set");
        event.put("seatTypes", List.of(stalls, standing));
        return event;
    }

    private static Map<String, Object> stadium(Instant now) {
        Instant startAt = now.plus(200, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(19, ChronoUnit.HOURS);
        Map<String, Object> event = event("Cup Final (benchmark stadium)", "SPORTS",
                Map.of("name", "Grand Stadium", "city", "Paris", "country", "FR"),
                List.of(Map.of("name", "FC Riverside"), Map.of("name", "Atletico Harbour")), startAt, now);
        List<Map<String, Object>> seatTypes = new ArrayList<>();
        int sectionNumber = 100;
        for (Object[] category : STADIUM_CATEGORIES) {
            Map<String, Object> type = seatType((String) category[0], (String) category[1], true);
            List<Map<String, Object>> sections = new ArrayList<>();
            for (int s = 0; s < (Integer) category[2]; s++) {
                sections.add(section(String.valueOf(++sectionNumber), STADIUM_ROWS, STADIUM_SEATS_PER_ROW));
            }
            type.put("sections", sections);
            seatTypes.add(type);
        }
        event.put("seatTypes", seatTypes);
        return event;
    }

    static int stadiumSections() {
        int sections = 0;
        for (Object[] category : STADIUM_CATEGORIES) {
            sections += (Integer) category[2];
        }
        return sections;
    }

    static int expectedStadiumSeats() {
        return stadiumSections() * STADIUM_ROWS * STADIUM_SEATS_PER_ROW;
    }

    private static Map<String, Object> event(String name, String category, Map<String, Object> venue, List<Map<String, Object>> performers,
            Instant startAt, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", name);
        event.put("category", category);
        event.put("venue", venue);
        event.put("performers", performers);
        event.put("startAt", startAt.toString());
        event.put("endAt", startAt.plus(3, ChronoUnit.HOURS).toString());
        event.put("saleStartAt", now.minus(1, ChronoUnit.DAYS).toString());
        event.put("saleEndAt", startAt.minus(1, ChronoUnit.HOURS).toString());
        return event;
    }

    private static Map<String, Object> seatType(String name, String price, boolean reserved) {
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("name", name);
        type.put("price", price);
        type.put("currency", "EUR");
        type.put("reservedSeating", reserved);
        return type;
    }

    private static Map<String, Object> section(String name, int rows, int seatsPerRow) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int r = 1; r <= rows; r++) {
            list.add(Map.of("label", "R" + r, "seats", seatsPerRow));
        }
        return Map.of("name", name, "rows", list);
    }
}
