package org.marquee.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marquee.it.SeatAudit;

/**
 * After the on-sale simulation, with the server stopped: the sold-seat audit of the application's sale
 * (the queries of the booking tests, {@link SeatAudit}), then the raw PostgreSQL ceiling of the same
 * SQL: pgbench runs {@code onsale/hold.sql} (the hold transaction of {@code BookingTransactions}) on the
 * hot event's twin until about 0.37 of its places are held (0.15 x places holds), then {@code onsale/purchase.sql} (the confirm's
 * transactions) over those holds, with as many clients as the application's JDBC pool. Before that, the
 * same with {@code onsale/statements/} (the SQL as it was sent before V16, statement by statement), so
 * that each run compares the two on the same database;
 * then the audit again, over the whole database. Writes {@code onsale-db.json}; pgbench's own output
 * (with per-statement latencies) goes to {@code pgbench/}. Nothing here fails the build: a missing
 * pgbench is reported as such.
 */
public final class OnSaleRawDb {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    private OnSaleRawDb() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("marquee.bench.out", "target/bench"));
        if (!Files.exists(out.resolve(OnSale.FILE))) {
            System.out.println("[bench] on-sale: no " + OnSale.FILE + ", nothing to audit");
            return;
        }
        JsonNode load = OnSale.read(out);
        String url = System.getProperty("marquee.bench.db.url");
        String user = System.getProperty("marquee.bench.db.user");
        String password = System.getProperty("marquee.bench.db.password");
        Class.forName("org.postgresql.Driver"); // exec:java's class loader is not the one DriverManager scans
        Map<String, Object> report = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            report.put("auditAfterApplication", SeatAudit.audit(db));
            report.put("hotEvent", inventory(db, load.path("eventId").asText()));

            int clients = Integer.getInteger("bench.onsale.pgbench.clients", 24);
            Map<String, Object> pgbench = new LinkedHashMap<>();
            pgbench.put("clients", clients);
            Path dir = out.resolve("pgbench");
            Files.createDirectories(dir);
            int seats = load.path("seats").asInt();
            // about 2.5 places a hold: each of the two runs below makes 0.15 x places holds, so the two together
            // leave about a quarter of the twin unsold (no sold-out rollbacks)
            int holdsPerClient = Math.max(1, (int) (seats * 0.15) / clients);
            List<String> vars = List.of("-D", "event=" + load.path("twinEventId").asText(),
                    "-D", "type0=" + load.path("twinNumberedTypeId").asText(),
                    "-D", "type1=" + load.path("twinGeneralAdmissionTypeId").asText(),
                    "-D", "total0=" + load.path("numberedSeats").asInt(),
                    "-D", "total1=" + load.path("generalAdmission").asInt(),
                    "-D", "buyers=" + load.path("buyers").asInt());
            String twin = load.path("twinEventId").asText();
            // first the SQL as it was sent before V16 (statement by statement), then the SQL of today (one
            // function call a transaction): the same database, minutes apart, so their ratio is the gain
            pgbench.put("statements", holdThenPurchase(db, dir, "onsale/statements/", "statements-", clients, holdsPerClient, vars, twin));
            pgbench.putAll(holdThenPurchase(db, dir, "onsale/", "", clients, holdsPerClient, vars, twin));
            report.put("pgbench", pgbench);
            report.put("twinEvent", inventory(db, load.path("twinEventId").asText()));
            report.put("auditAfterPgbench", SeatAudit.audit(db));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(OnSale.DB_FILE).toFile(), report);
        System.out.println("[bench] on-sale database: " + report);
    }

    /** Places by status and bookings by status of one event. */
    private static Map<String, Object> inventory(Connection db, String eventId) throws SQLException {
        Map<String, Object> inventory = new LinkedHashMap<>();
        try (PreparedStatement q = db.prepareStatement("select status, count(*) from seat where event_id = cast(? as uuid) group by status order by status")) {
            q.setString(1, eventId);
            Map<String, Long> seats = new LinkedHashMap<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    seats.put(r.getString(1), r.getLong(2));
                }
            }
            inventory.put("seats", seats);
        }
        try (PreparedStatement q = db.prepareStatement("select status, count(*) from booking where event_id = cast(? as uuid) group by status order by status")) {
            q.setString(1, eventId);
            Map<String, Long> bookings = new LinkedHashMap<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    bookings.put(r.getString(1), r.getLong(2));
                }
            }
            inventory.put("bookings", bookings);
        }
        return inventory;
    }

    /** pgbench: {@code prefix}hold.sql ({@code holdsPerClient} holds per client), then {@code prefix}purchase.sql over those holds. */
    private static Map<String, Object> holdThenPurchase(Connection db, Path dir, String prefix, String outputPrefix, int clients,
                                                        int holdsPerClient, List<String> vars, String twin)
            throws IOException, InterruptedException, SQLException {
        Map<String, Object> runs = new LinkedHashMap<>();
        Path hold = copy(prefix + "hold.sql", dir.resolve(outputPrefix + "hold.sql"));
        Path purchase = copy(prefix + "purchase.sql", dir.resolve(outputPrefix + "purchase.sql"));
        runs.put("hold", pgbench(hold, clients, holdsPerClient, vars, dir.resolve(outputPrefix + "hold.txt")));
        try (Statement s = db.createStatement()) {
            s.execute("drop table if exists onsale_raw_pending");
            s.execute("drop sequence if exists onsale_raw_next");
            s.execute("create sequence onsale_raw_next");
            s.execute("create table onsale_raw_pending as select row_number() over (order by created_at, id) as n, id as booking_id "
                    + "from booking where event_id = '" + twin + "' and status = 'PENDING_PAYMENT'");
            s.execute("create unique index on onsale_raw_pending (n)");
            s.execute("analyze onsale_raw_pending");
        }
        long pending = SeatAudit.count(db, "select count(*) from onsale_raw_pending");
        int purchasesPerClient = (int) (pending / clients);
        if (purchasesPerClient > 0) {
            runs.put("purchase", pgbench(purchase, clients, purchasesPerClient, List.of(), dir.resolve(outputPrefix + "purchase.txt")));
        }
        try (Statement s = db.createStatement()) {
            s.execute("drop table if exists onsale_raw_pending");
            s.execute("drop sequence if exists onsale_raw_next");
        }
        return runs;
    }

    private static Path copy(String resource, Path file) throws IOException {
        try (InputStream in = OnSaleRawDb.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " on the class path");
            }
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    private static Map<String, Object> pgbench(Path script, int clients, int perClient, List<String> vars, Path output)
            throws IOException, InterruptedException {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("script", script.getFileName().toString());
        run.put("transactionsPerClient", perClient);
        List<String> command = new ArrayList<>(List.of(executable(), "-n", "-M", "prepared", "-r", "-c", String.valueOf(clients),
                "-j", "2", "-t", String.valueOf(perClient), "-f", script.toString(),
                "-h", System.getProperty("marquee.bench.db.host", "127.0.0.1"), "-p", System.getProperty("marquee.bench.db.port", "5432"),
                "-U", System.getProperty("marquee.bench.db.user")));
        command.addAll(vars);
        command.add(System.getProperty("marquee.bench.db.name", "marquee_bench"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("PGPASSWORD", System.getProperty("marquee.bench.db.password"));
        String loadAverage = Machine.loadAverage();
        long t0 = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            run.put("error", "pgbench not found: " + e.getMessage());
            return run;
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroy();
            run.put("error", "pgbench did not finish in 5 minutes");
        }
        run.put("exitCode", process.isAlive() ? null : process.exitValue());
        run.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        run.put("loadAverageAtStart", loadAverage);
        String text = Files.readString(output, StandardCharsets.UTF_8);
        run.put("tps", number(TPS, text));
        run.put("latencyAverageMillis", number(LATENCY, text));
        run.put("transactions", number(PROCESSED, text));
        run.put("failed", number(FAILED, text));
        run.put("output", "pgbench/" + output.getFileName());
        return run;
    }

    private static Double number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    private static String executable() {
        for (String candidate : List.of("/usr/lib/postgresql/15/bin/pgbench", "/usr/bin/pgbench")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "pgbench";
    }
}
