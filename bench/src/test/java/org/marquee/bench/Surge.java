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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The surge scenario's data: one event of {@code bench.surge.places} general-admission places whose sale
 * has not started, with an enabled waiting room, and {@code bench.surge.queued} places in its queue
 * (50,000 by default), all taken before the sale opens, as in a real on-sale where the crowd waits for the
 * hour. {@link SurgeSimulation} moves the sale start to "in a few seconds" when it starts.
 *
 * <p>Of those places, {@code bench.surge.buyers} belong to real buyers: accounts inserted with SQL like
 * {@link OnSale}'s buyers (a genuine PBKDF2 hash of few iterations), each logged in through
 * {@code POST /api/v1/auth/token} and joined through {@code POST /api/v1/events/{id}/queue}. The other
 * places belong to accounts and {@code queue_ticket} rows inserted with SQL, exactly the rows a join writes
 * before the room opens (no number yet; {@code waiting_room.last_number} counts them): 50,000 logins and
 * joins through the API would take the 2 shared cores many minutes of PBKDF2 and serialised joins before
 * anything is measured. At opening the server shuffles all of them, the buyers' places included.
 *
 * <p>The admission rate is set so that the whole queue is admitted in {@code bench.surge.drain.seconds}.
 */
public final class Surge {

    public static final String FILE = "surge.json";
    public static final String TICKETS_FILE = "surge-tickets.csv";
    public static final String BUYERS_FILE = "surge-buyers.csv";
    public static final String APP_FILE = "surge-app.json";
    public static final String DB_FILE = "surge-db.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Surge() {
    }

    public static int queued() {
        return Integer.getInteger("bench.surge.queued", 50_000);
    }

    public static int buyers() {
        return Math.min(queued(), Integer.getInteger("bench.surge.buyers", 500));
    }

    public static int places() {
        return Integer.getInteger("bench.surge.places", 2000);
    }

    public static int drainSeconds() {
        return Integer.getInteger("bench.surge.drain.seconds", 150);
    }

    /** Places admitted per minute: the whole queue in {@link #drainSeconds()}. */
    static int admitPerMinute() {
        return (int) Math.min(600_000, Math.max(1, ((long) queued() * 60 + drainSeconds() - 1) / drainSeconds()));
    }

    static Map<String, Object> load(HttpClient client, URI base, Optional<String> adminToken, Path out) throws Exception {
        if (adminToken.isEmpty()) {
            throw new IllegalStateException("the surge loader needs the administrator's token (waiting rooms are staff-only)");
        }
        String admin = adminToken.get();
        int queued = queued();
        int buyers = buyers();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String eventId = send(client, admin, "POST", base.resolve("/api/v1/events"), "application/json", event(now), 201).path("id").asText();
        JsonNode event = send(client, admin, "GET", base.resolve("/api/v1/events/" + eventId), "application/json", null, 200);
        String typeId = event.path("seatTypes").path(0).path("id").asText();
        JsonNode room = send(client, admin, "PUT", base.resolve("/api/v1/events/" + eventId + "/waiting-room"), "application/json",
                Map.of("enabled", true, "admitPerMinute", admitPerMinute(), "shoppingWindowSeconds", 600), 200);

        String url = System.getProperty("marquee.bench.db.url");
        if (url == null) {
            throw new IllegalStateException("the surge loader needs marquee.bench.db.url (and .user, .password)");
        }
        Class.forName("org.postgresql.Driver"); // exec:java's class loader is not the one DriverManager scans
        long t0 = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url, System.getProperty("marquee.bench.db.user"),
                System.getProperty("marquee.bench.db.password"))) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into app_user (id, email, name, password_hash)
                    select md5('marquee-bench-surge-' || n)::uuid, 'surge-' || n || '@bench.test', 'Surge ' || n, ?
                      from generate_series(1, ?) n""")) {
                insert.setString(1, OnSale.hash(OnSale.BUYER_PASSWORD));
                insert.setInt(2, queued);
                insert.executeUpdate();
            }
            try (PreparedStatement roles = db.prepareStatement("""
                    insert into user_role (user_id, role) select md5('marquee-bench-surge-' || n)::uuid, 'CUSTOMER' from generate_series(1, ?) n""")) {
                roles.setInt(1, buyers);
                roles.executeUpdate();
            }
            // what QueueTransactions.join writes before the room opens, under the same row lock
            try (PreparedStatement lock = db.prepareStatement("select 1 from waiting_room where event_id = cast(? as uuid) and opened_at is null for update")) {
                lock.setString(1, eventId);
                try (ResultSet r = lock.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalStateException("the waiting room of " + eventId + " is missing or already open");
                    }
                }
            }
            try (PreparedStatement tickets = db.prepareStatement("""
                    insert into queue_ticket (id, event_id, account_id, number, joined_at)
                    select md5('marquee-bench-surge-ticket-' || n)::uuid, cast(? as uuid), md5('marquee-bench-surge-' || n)::uuid, null, now()
                      from generate_series(?, ?) n""")) {
                tickets.setString(1, eventId);
                tickets.setInt(2, buyers + 1);
                tickets.setInt(3, queued);
                tickets.executeUpdate();
            }
            try (PreparedStatement count = db.prepareStatement("update waiting_room set last_number = last_number + ? where event_id = cast(? as uuid)")) {
                count.setInt(1, queued - buyers);
                count.setString(2, eventId);
                count.executeUpdate();
            }
            db.commit();
        }
        long insertMillis = (System.nanoTime() - t0) / 1_000_000;

        // the buyers: a real token each, and a real join (their tickets are the answers)
        long t1 = System.nanoTime();
        List<String> buyerLines = new ArrayList<>();
        buyerLines.add("token,ticket");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> joined = new ArrayList<>();
            for (int n = 1; n <= buyers; n++) {
                String email = "surge-" + n + "@bench.test";
                joined.add(pool.submit(() -> {
                    String token = OnSale.login(client, base, email);
                    JsonNode ticket = send(client, token, "POST", base.resolve("/api/v1/events/" + eventId + "/queue"), "application/json", null, 201);
                    return token + "," + ticket.path("ticket").asText();
                }));
            }
            for (Future<String> f : joined) {
                buyerLines.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        Files.write(out.resolve(BUYERS_FILE), buyerLines);
        long buyersMillis = (System.nanoTime() - t1) / 1_000_000;

        List<String> ticketLines = new ArrayList<>();
        ticketLines.add("ticket");
        try (Connection db = DriverManager.getConnection(url, System.getProperty("marquee.bench.db.user"),
                System.getProperty("marquee.bench.db.password"));
             PreparedStatement q = db.prepareStatement("select cast(id as text) from queue_ticket where event_id = cast(? as uuid)")) {
            q.setString(1, eventId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    ticketLines.add(r.getString(1));
                }
            }
        }
        if (ticketLines.size() - 1 != queued) {
            throw new IllegalStateException("the surge queue has " + (ticketLines.size() - 1) + " places, " + queued + " were asked for");
        }
        Files.write(out.resolve(TICKETS_FILE), ticketLines);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("eventId", eventId);
        report.put("seatTypeId", typeId);
        report.put("places", places());
        report.put("queued", queued);
        report.put("buyers", buyers);
        report.put("admitPerMinute", room.path("admitPerMinute").asInt());
        report.put("shoppingWindowSeconds", room.path("shoppingWindowSeconds").asInt());
        report.put("drainSeconds", drainSeconds());
        report.put("queueInsertMillis", insertMillis);
        report.put("buyersLoginAndJoinMillis", buyersMillis);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(FILE).toFile(), report);
        System.out.printf("[bench] surge: event %s of %,d places, %,d queued places (%,d inserted with SQL in %,d ms, %,d buyers logged in and joined in %,d ms), "
                + "admitting %,d a minute%n", eventId, places(), queued, queued - buyers, insertMillis, buyers, buyersMillis, admitPerMinute());
        return report;
    }

    /** What the loader wrote (surge.json). */
    public static JsonNode read(Path out) {
        try {
            return JSON.readTree(out.resolve(FILE).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("no " + FILE + " in " + out + " (LoadData writes it)", e);
        }
    }

    /** Sends a request with a bearer token and returns the answer's JSON, which must have {@code expected} status. */
    static JsonNode send(HttpClient client, String token, String method, URI uri, String contentType, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + uri.getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The sale starts in a day; {@link SurgeSimulation} brings it forward to open the room when the load starts. */
    private static Map<String, Object> event(Instant now) {
        Instant startAt = now.plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(20, ChronoUnit.HOURS);
        return Bench.concert("Surge: the on-sale of the year", startAt, now.plus(1, ChronoUnit.DAYS),
                List.of(Bench.generalAdmission("65.00", places())));
    }
}
