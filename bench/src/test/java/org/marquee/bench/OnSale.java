package org.marquee.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The on-sale scenario's data: one hot event of 20,000 places (half numbered seats: 10 sections of 20
 * rows of 50; half general admission), a twin of it that only pgbench touches (the raw-database
 * ceiling, on its own copy of the inventory), and {@code bench.onsale.buyers} customer accounts with
 * their tokens.
 *
 * <p>Buyers are inserted with SQL, not registered through the API: registering and logging in costs a
 * PBKDF2 hash of 210,000 iterations each (about 0.2 s of CPU), so 2,000 buyers would take minutes of the
 * 2 cores. Their stored hash is a genuine {@code PBKDF2WithHmacSHA512} hash in the application's format
 * ({@code algorithm:iterations:salt:hash}), with only 1,024 iterations: the format names its own
 * iteration count, so the server verifies it as it verifies any other, and each buyer then obtains a
 * real RS256 token from {@code POST /api/v1/auth/token}. Each buyer's id is
 * {@code md5('marquee-bench-buyer-' || n)} as a uuid, which the pgbench scripts recompute. Logins only
 * succeed, so login throttling (which counts failures) is not involved; each buyer has one live hold
 * at a time, so the live-hold cap keeps its default of 1.
 */
public final class OnSale {

    public static final String FILE = "onsale.json";
    public static final String BUYERS_FILE = "onsale-buyers.csv";
    public static final String SEATS_FILE = "onsale-seats.csv";
    public static final String APP_FILE = "onsale-app.json";
    public static final String DB_FILE = "onsale-db.json";

    static final int SECTIONS = 10;
    static final int ROWS = 20;
    static final int SEATS_PER_ROW = 50;
    static final int NUMBERED = SECTIONS * ROWS * SEATS_PER_ROW;
    static final int GENERAL_ADMISSION = 10_000;
    static final String BUYER_PASSWORD = "bench-buyer-password";
    static final int BUYER_HASH_ITERATIONS = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnSale() {
    }

    public static int buyers() {
        return Integer.getInteger("bench.onsale.buyers", 2000);
    }

    /** Creates the hot event, its twin and the buyers; writes onsale.json, the buyers' tokens and the numbered seats. */
    static Map<String, Object> load(HttpClient client, URI base, Optional<String> token, Path out) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        long t0 = System.nanoTime();
        JsonNode hot = create(client, base, token, event("On-sale: the hot event", now));
        long createMillis = (System.nanoTime() - t0) / 1_000_000;
        JsonNode twin = create(client, base, token, event("On-sale: its twin for pgbench", now));

        String url = System.getProperty("marquee.bench.db.url");
        if (url == null) {
            throw new IllegalStateException("the on-sale loader needs marquee.bench.db.url (and .user, .password)");
        }
        Class.forName("org.postgresql.Driver"); // exec:java's class loader is not the one DriverManager scans
        int buyers = buyers();
        long t1 = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url, System.getProperty("marquee.bench.db.user"),
                System.getProperty("marquee.bench.db.password"))) {
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into app_user (id, email, name, password_hash)
                    select md5('marquee-bench-buyer-' || n)::uuid, 'buyer-' || n || '@bench.test', 'Bench buyer ' || n, ?
                      from generate_series(1, ?) n""")) {
                insert.setString(1, hash(BUYER_PASSWORD));
                insert.setInt(2, buyers);
                insert.executeUpdate();
            }
            try (PreparedStatement roles = db.prepareStatement("""
                    insert into user_role (user_id, role) select md5('marquee-bench-buyer-' || n)::uuid, 'CUSTOMER' from generate_series(1, ?) n""")) {
                roles.setInt(1, buyers);
                roles.executeUpdate();
            }
            List<String> seats = new ArrayList<>();
            seats.add("position,seatId");
            try (PreparedStatement q = db.prepareStatement("select position, cast(id as text) from seat where seat_type_id = cast(? as uuid) order by position")) {
                q.setString(1, typeId(hot, true));
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        seats.add(r.getInt(1) + "," + r.getString(2));
                    }
                }
            }
            if (seats.size() - 1 != NUMBERED) {
                throw new IllegalStateException("the hot event has " + (seats.size() - 1) + " numbered seats, " + NUMBERED + " were asked for");
            }
            Files.write(out.resolve(SEATS_FILE), seats);
        }
        long insertMillis = (System.nanoTime() - t1) / 1_000_000;

        long t2 = System.nanoTime();
        List<String> lines = new ArrayList<>();
        lines.add("token");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int n = 1; n <= buyers; n++) {
                String email = "buyer-" + n + "@bench.test";
                tokens.add(pool.submit(() -> login(client, base, email)));
            }
            for (Future<String> t : tokens) {
                lines.add(t.get());
            }
        } finally {
            pool.shutdown();
        }
        Files.write(out.resolve(BUYERS_FILE), lines);
        long loginMillis = (System.nanoTime() - t2) / 1_000_000;

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("eventId", hot.path("id").asText());
        report.put("numberedTypeId", typeId(hot, true));
        report.put("generalAdmissionTypeId", typeId(hot, false));
        report.put("twinEventId", twin.path("id").asText());
        report.put("twinNumberedTypeId", typeId(twin, true));
        report.put("twinGeneralAdmissionTypeId", typeId(twin, false));
        report.put("numberedSeats", NUMBERED);
        report.put("layout", SECTIONS + " sections x " + ROWS + " rows x " + SEATS_PER_ROW + " numbered seats + " + GENERAL_ADMISSION
                + " general-admission places");
        report.put("generalAdmission", GENERAL_ADMISSION);
        report.put("seats", NUMBERED + GENERAL_ADMISSION);
        report.put("createMillis", createMillis);
        report.put("buyers", buyers);
        report.put("buyersInsertMillis", insertMillis);
        report.put("buyersLoginMillis", loginMillis);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(FILE).toFile(), report);
        System.out.printf("[bench] on-sale: hot event %s of %,d places (created in %,d ms), its twin %s, %,d buyers (SQL %,d ms, tokens %,d ms)%n",
                report.get("eventId"), NUMBERED + GENERAL_ADMISSION, createMillis, report.get("twinEventId"), buyers, insertMillis, loginMillis);
        return report;
    }

    /** What the loader wrote (onsale.json). */
    public static JsonNode read(Path out) {
        try {
            return JSON.readTree(out.resolve(FILE).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("no " + FILE + " in " + out + " (LoadData writes it)", e);
        }
    }

    /** A PBKDF2 hash in the server's stored form ({@code Pbkdf2PasswordHash}: algorithm:iterations:salt:hash, Base64). */
    static String hash(String password) throws GeneralSecurityException {
        byte[] salt = new byte[32];
        new java.security.SecureRandom().nextBytes(salt);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, BUYER_HASH_ITERATIONS, 64 * 8)).getEncoded();
        return "PBKDF2WithHmacSHA512:" + BUYER_HASH_ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(key);
    }

    static String login(HttpClient client, URI base, String email) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("email", email, "password", BUYER_PASSWORD));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/token"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /api/v1/auth/token for " + email + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("accessToken").asText();
    }

    private static JsonNode create(HttpClient client, URI base, Optional<String> token, Map<String, Object> body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/events"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/v1/events answered " + response.statusCode() + ": " + response.body());
        }
        String id = JSON.readTree(response.body()).path("id").asText();
        HttpResponse<String> event = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/events/" + id))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (event.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/events/" + id + " answered " + event.statusCode());
        }
        return JSON.readTree(event.body());
    }

    private static String typeId(JsonNode event, boolean numbered) {
        for (JsonNode type : event.path("seatTypes")) {
            if (type.path("reservedSeating").asBoolean() == numbered) {
                return type.path("id").asText();
            }
        }
        throw new IllegalStateException("event " + event.path("id").asText() + " has no " + (numbered ? "numbered" : "general-admission") + " seat type");
    }

    private static Map<String, Object> event(String name, Instant now) {
        Instant startAt = now.plus(120, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(20, ChronoUnit.HOURS);
        Map<String, Object> numbered = new LinkedHashMap<>();
        numbered.put("name", "Numbered");
        numbered.put("price", "95.00");
        numbered.put("currency", "GBP");
        numbered.put("reservedSeating", true);
        List<Map<String, Object>> sections = new ArrayList<>();
        for (int s = 1; s <= SECTIONS; s++) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = 1; r <= ROWS; r++) {
                rows.add(Map.of("label", "R" + r, "seats", SEATS_PER_ROW));
            }
            sections.add(Map.of("name", "S" + s, "rows", rows));
        }
        numbered.put("sections", sections);
        return Bench.concert(name, startAt, now.minus(1, ChronoUnit.DAYS), List.of(numbered, Bench.generalAdmission("55.00", GENERAL_ADMISSION)));
    }
}
