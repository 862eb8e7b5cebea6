package org.marquee.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.marquee.it.Accounts.Account;

/**
 * The fault suite ({@code mvn verify -Pfaults}): an on-sale driven by an independent client (the JDK's
 * HTTP client, its own threads) while one fault is played at a time: {@code kill -9} of Payara and a
 * restart of the domain; PostgreSQL restarted; the payment provider killed and started again; the
 * provider hanging (30 s answers). The buyers reach Marquee as clients of a deployment do, through the
 * balancer in front of the node. After each, once the recovery window is over, the audit: every hold and purchase the client
 * was told succeeded is there (lost = 0), no seat twice, no PAID booking without captured money, no
 * captured money without a PAID booking (Marquee's tables and the provider's ledger), counters equal to a
 * recount, and no 500 or HTML answer at any moment. Each scenario's recovery time, the answers clients
 * saw by status and the reconciler's repairs go to {@code target/faults/report.md}.
 *
 * <p>Only this build's own processes are killed: the domain's pid from its own {@code config/pid} (checked
 * against the domain directory), the simulator's from its pid file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnSaleFaultsIT extends MarqueeIT {

    private static final int BUYERS = 12;
    /**
     * How long the audit waits for the reconciler to finish what a fault left open: an authorisation whose
     * purchase never committed is voided once its payment has been PENDING for 120 s, on a 15 s tick.
     */
    private static final int RECOVERY_WINDOW_SECONDS = 180;
    private static final Path DOMAIN_DIR = Path.of(System.getProperty("marquee.server.dir"), "payara6", "glassfish", "domains", "marquee-test");
    private static final List<String> REPORT = new ArrayList<>();
    private static volatile Sale current;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Order(1)
    void killMinusNineOfPayaraMidSale() throws Exception {
        Sale sale = new Sale("Fault: kill -9 of Payara", 4000);
        sale.start();
        Thread.sleep(6_000);
        long pid = Long.parseLong(Files.readString(DOMAIN_DIR.resolve("config/pid")).trim());
        String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        assertTrue(cmdline.contains(DOMAIN_DIR.toString()), "pid " + pid + " is this build's domain");
        long killedAt = System.nanoTime();
        new ProcessBuilder("kill", "-9", String.valueOf(pid)).inheritIO().start().waitFor();
        Thread.sleep(2_000);
        startDomain();
        double recovery = awaitReady(killedAt);
        Thread.sleep(8_000);
        sale.stop();
        audit(sale, "kill -9 of Payara, then asadmin start-domain", recovery, RECOVERY_WINDOW_SECONDS);
    }

    /** The cluster behind the test database restarted under the sale ({@code pg_ctlcluster ... restart}). */
    @Test
    @Order(2)
    void postgresqlRestartedMidSale() throws Exception {
        String[] cluster = postgresCluster();
        Sale sale = new Sale("Fault: PostgreSQL restarted", 4000);
        sale.start();
        Thread.sleep(5_000);
        long restartedAt = System.nanoTime();
        Process p = new ProcessBuilder("pg_ctlcluster", cluster[0], cluster[1], "restart", "-m", "fast").inheritIO().start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, "pg_ctlcluster restart");
        double recovery = awaitConfirmWorks(restartedAt, sale);
        Thread.sleep(5_000);
        sale.stop();
        audit(sale, "PostgreSQL restarted (pg_ctlcluster restart -m fast)", recovery, RECOVERY_WINDOW_SECONDS);
    }

    @Test
    @Order(3)
    void paymentProviderKilledMidSale() throws Exception {
        Sale sale = new Sale("Fault: provider killed", 4000);
        sale.start();
        Thread.sleep(5_000);
        long pid = Long.parseLong(Files.readString(Path.of(System.getProperty("marquee.payment.simulator.pid-file"))).trim());
        assertTrue(Files.readString(Path.of("/proc/" + pid + "/cmdline")).contains("marquee-payment-simulator"), "pid " + pid + " is the simulator");
        long killedAt = System.nanoTime();
        new ProcessBuilder("kill", "-9", String.valueOf(pid)).inheritIO().start().waitFor();
        Thread.sleep(8_000);
        startSimulator();
        double recovery = awaitConfirmWorks(killedAt, sale);
        Thread.sleep(5_000);
        sale.stop();
        audit(sale, "payment provider killed for 8 s, then started again", recovery, RECOVERY_WINDOW_SECONDS);
    }

    @Test
    @Order(4)
    void paymentProviderHangingMidSale() throws Exception {
        Sale sale = new Sale("Fault: provider hanging", 4000);
        sale.start();
        Thread.sleep(5_000);
        long hungAt = System.nanoTime();
        simulate("{\"mode\": \"HANG\", \"hangMs\": 30000}");
        Thread.sleep(20_000);
        simulate("{\"mode\": \"UP\"}");
        double recovery = awaitConfirmWorks(hungAt, sale);
        Thread.sleep(5_000);
        sale.stop();
        audit(sale, "payment provider answering after 30 s for 20 s", recovery, RECOVERY_WINDOW_SECONDS);
    }

    /** A scenario that failed half-way leaves no buyers running into the next one. */
    @AfterEach
    void stopTheSale() throws Exception {
        if (current != null) {
            current.stop();
        }
    }

    @AfterAll
    static void report() throws IOException {
        Path out = Path.of(System.getProperty("marquee.server.dir")).getParent().resolve("faults");
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.md"), "# Fault suite\n\n" + String.join("\n", REPORT) + "\n");
        System.out.println(String.join("\n", REPORT));
    }

    // --------------------------------------------------------------------------------- the on-sale

    /** One event on sale and its buyers: each holds one place, pays, and starts again, recording every acknowledgement. */
    private static final class Sale {
        final String eventId;
        final String seatTypeId;
        final List<Account> buyers;
        final Map<String, Integer> answers = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> held = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> paid = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean();
        volatile long lastPaidNanos;
        ExecutorService pool;
        final List<Future<?>> clients = new ArrayList<>();

        Sale(String name, int places) throws Exception {
            var created = Bookings.createEvent(Events.withSeatTypes(name, """
                    [{"name": "Floor", "price": "25.00", "currency": "EUR", "reservedSeating": false, "quantity": %d}]""".formatted(places)));
            eventId = created.path("id");
            seatTypeId = created.path("seatTypes[0].id");
            buyers = Accounts.newCustomers(BUYERS);
        }

        void start() {
            current = this;
            running.set(true);
            pool = Executors.newFixedThreadPool(BUYERS);
            for (Account buyer : buyers) {
                clients.add(pool.submit(() -> buy(buyer)));
            }
        }

        void stop() throws Exception {
            if (!running.getAndSet(false)) {
                return;
            }
            for (Future<?> c : clients) {
                c.get(3, TimeUnit.MINUTES);
            }
            pool.shutdownNow();
        }

        private Void buy(Account buyer) throws InterruptedException {
            String hold = "{\"eventId\": \"" + eventId + "\", \"seatTypeId\": \"" + seatTypeId + "\", \"quantity\": 1}";
            String booking = null;
            while (running.get()) {
                if (booking == null) {
                    Answer a = send(buyer, "/api/v1/bookings", hold);
                    if (a.status() == 201) {
                        booking = a.field("id");
                        held.add(booking);
                    } else if (a.status() == 422 || a.status() == 0) {
                        Thread.sleep(500);
                    } else {
                        a.waitIfAsked();
                    }
                } else {
                    Answer a = send(buyer, "/api/v1/bookings/" + booking + "/confirm", "{\"paymentToken\": \"tok_visa\"}");
                    if (a.status() == 200) {
                        paid.add(booking);
                        lastPaidNanos = System.nanoTime();
                        booking = null;
                    } else if (a.status() == 409 || a.status() == 404) {
                        booking = null; // expired or gone: hold again
                    } else if (a.retryAfterSeconds() > 0 || a.status() >= 502) {
                        a.waitIfAsked();
                    } else {
                        Thread.sleep(500);
                    }
                }
            }
            return null;
        }

        private Answer send(Account buyer, String path, String body) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(publicUrl() + path)).timeout(Duration.ofSeconds(40))
                    .header("Authorization", "Bearer " + buyer.token()).header("Content-Type", "application/json")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> r;
            try {
                r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                answers.merge("no answer (" + e.getClass().getSimpleName() + ")", 1, Integer::sum);
                return new Answer(0, "", 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(0, "", 0);
            }
            String type = r.headers().firstValue("Content-Type").orElse("");
            answers.merge(String.valueOf(r.statusCode()), 1, Integer::sum);
            boolean json = r.statusCode() < 300 ? type.startsWith("application/json") : type.startsWith("application/problem+json");
            boolean retryAfter = r.statusCode() != 503 || r.headers().firstValue("Retry-After").isPresent();
            if ((!json || !retryAfter || r.statusCode() == 500) && bad.size() < 20) {
                bad.add(r.statusCode() + " " + type + " " + r.body().substring(0, Math.min(160, r.body().length())));
            }
            int retryAfterSeconds = r.headers().firstValue("Retry-After").map(v -> {
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    return 1;
                }
            }).orElse(0);
            return new Answer(r.statusCode(), r.body(), retryAfterSeconds);
        }
    }

    /** An answer, and how long the server asked the client to wait before trying again (0: not said). */
    private record Answer(int status, String body, int retryAfterSeconds) {

        /** A client that is told to come back later waits as Retry-After says (at most 5 s), or a second. */
        void waitIfAsked() throws InterruptedException {
            if (status == 429 || status >= 502) {
                Thread.sleep(1000L * Math.min(5, Math.max(1, retryAfterSeconds)));
            }
        }

        String field(String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    // ------------------------------------------------------------------------------------ recovery

    private static void startDomain() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("marquee.server.dir"), "payara6", "bin", "asadmin").toString(),
                "start-domain", "marquee-test").inheritIO();
        Map<String, String> env = pb.environment();
        env.put("HZ_PHONE_HOME_ENABLED", "false");
        env.put("MARQUEE_ADMIN_EMAIL", System.getProperty("marquee.admin.email"));
        env.put("MARQUEE_ADMIN_PASSWORD", System.getProperty("marquee.admin.password"));
        env.put("MARQUEE_PASSWORD_PBKDF2_ITERATIONS", "10000");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, "asadmin start-domain");
    }

    private static void startSimulator() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("marquee.script"), "simulator").inheritIO();
        Map<String, String> env = pb.environment();
        env.put("MARQUEE_SERVER_DIR", System.getProperty("marquee.server.dir"));
        env.put("MARQUEE_DOMAIN", "marquee-test");
        env.put("MARQUEE_PORT_BASE", System.getProperty("marquee.port.base"));
        env.put("MARQUEE_PAYMENT_SIMULATOR_PORT", System.getProperty("marquee.payment.simulator.port"));
        env.put("MARQUEE_DB_HOST", System.getProperty("marquee.db.host"));
        env.put("MARQUEE_DB_PORT", System.getProperty("marquee.db.port"));
        env.put("MARQUEE_DB_NAME", System.getProperty("marquee.db.name"));
        env.put("MARQUEE_DB_USER", System.getProperty("marquee.db.user"));
        env.put("MARQUEE_DB_PASSWORD", System.getProperty("marquee.db.password"));
        Process p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, "marquee simulator");
    }

    /** Where clients reach Marquee: the balancer in front of the node. */
    private static String publicUrl() {
        return "http://127.0.0.1:" + System.getProperty("marquee.balancer.port");
    }

    /** The Debian cluster (version, name) serving the test database's port, from pg_lsclusters. */
    private static String[] postgresCluster() throws Exception {
        Process p = new ProcessBuilder("pg_lsclusters", "-h").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "pg_lsclusters: " + out);
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[2].equals(System.getProperty("marquee.db.port"))) {
                return new String[] {f[0], f[1]};
            }
        }
        throw new AssertionError("no PostgreSQL cluster on port " + System.getProperty("marquee.db.port") + ": " + out);
    }

    /** Seconds from the fault until /health/ready is UP (through the balancer). */
    private static double awaitReady(long since) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(publicUrl() + "/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - since) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready 5 minutes after the fault");
    }

    /** Seconds from the fault until a buyer is told a purchase succeeded again. */
    private static double awaitConfirmWorks(long since, Sale sale) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (sale.lastPaidNanos > since + TimeUnit.SECONDS.toNanos(1) && sale.lastPaidNanos > System.nanoTime() - TimeUnit.SECONDS.toNanos(5)) {
                return (sale.lastPaidNanos - since) / 1e9;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no purchase succeeded within 3 minutes of the fault");
    }

    // ---------------------------------------------------------------------------------------- audit

    private static void audit(Sale sale, String scenario, double recoverySeconds, int windowSeconds) throws Exception {
        // the recovery window: the reconciler (every 15 s) captures, voids and refunds what the fault left open
        long deadline = System.currentTimeMillis() + windowSeconds * 1000L;
        Map<String, Long> findings;
        do {
            Thread.sleep(5_000);
            findings = findings(sale);
        } while (findings.values().stream().anyMatch(n -> n != 0) && System.currentTimeMillis() < deadline);
        REPORT.add("## " + scenario + "\n\n"
                + "- recovery: " + String.format("%.1f", recoverySeconds) + " s (" + (scenario.startsWith("kill") ? "until /health/ready" : "until a purchase succeeded again") + ")\n"
                + "- holds acknowledged " + sale.held.size() + ", purchases acknowledged " + sale.paid.size() + "\n"
                + "- answers clients saw: " + new TreeMap<>(sale.answers) + "\n"
                + "- reconciler repairs (this node since its start): " + repairs() + "\n"
                + "- audit after the recovery window: " + findings + "\n"
                + "- answers that were not JSON / problem+json (with Retry-After for 503), or were 500: " + sale.bad + "\n");
        assertTrue(sale.bad.isEmpty(), "no 500, no HTML, 503 with Retry-After: " + sale.bad);
        assertTrue(findings.values().stream().allMatch(n -> n == 0), scenario + ": " + findings);
        assertTrue(sale.paid.size() > 0, "the sale went on");
    }

    private static Map<String, Long> findings(Sale sale) throws SQLException {
        try (Connection db = database()) {
            Map<String, Long> findings = new java.util.LinkedHashMap<>(SeatAudit.audit(db));
            long lostHolds = 0;
            for (String id : sale.held) {
                lostHolds += SeatAudit.count(db, "select count(*) from booking where id = '" + id + "'") == 1 ? 0 : 1;
            }
            long lostPurchases = 0;
            for (String id : sale.paid) {
                lostPurchases += SeatAudit.count(db, "select count(*) from booking where id = '" + id + "' and status = 'PAID'") == 1 ? 0 : 1;
            }
            findings.put("acknowledged holds lost", lostHolds);
            findings.put("acknowledged purchases lost", lostPurchases);
            findings.putAll(moneyDrift(db, sale));
            return findings;
        }
    }

    /** Marquee's payments of the event against the provider's ledger, by authorisation key. */
    private static Map<String, Long> moneyDrift(Connection db, Sale sale) throws SQLException {
        Map<String, String> ledger = new HashMap<>();
        List<Map<String, Object>> all = RestAssured.given().baseUri(System.getProperty("marquee.payment.simulator.url"))
                .get("/control/payments").then().statusCode(200).extract().path("$");
        all.forEach(c -> ledger.put((String) c.get("idempotencyKey"), (String) c.get("state")));
        long paidWithoutMoney = 0;
        long moneyWithoutSale = 0;
        long authorisationsLeft = 0;
        try (var s = db.createStatement(); ResultSet rs = s.executeQuery("""
                select p.idempotency_key, p.status, b.status from payment p join booking b on b.id = p.booking_id
                 where b.event_id = '%s' and p.method = 'CARD'""".formatted(sale.eventId))) {
            while (rs.next()) {
                String state = ledger.get("auth:" + rs.getString(1));
                boolean sold = rs.getString(2).equals("CAPTURED") && rs.getString(3).equals("PAID");
                paidWithoutMoney += sold && !"captured".equals(state) ? 1 : 0;
                moneyWithoutSale += !sold && "captured".equals(state) ? 1 : 0;
                authorisationsLeft += "authorised".equals(state) ? 1 : 0;
            }
        }
        Map<String, Long> drift = new java.util.LinkedHashMap<>();
        drift.put("PAID bookings whose money the provider did not capture", paidWithoutMoney);
        drift.put("money captured at the provider without a PAID booking", moneyWithoutSale);
        drift.put("authorisations the provider still holds", authorisationsLeft);
        drift.put("payments needing attention", SeatAudit.count(db, """
                select count(*) from payment p join booking b on b.id = p.booking_id
                 where b.event_id = '%s' and p.status = 'NEEDS_ATTENTION'""".formatted(sale.eventId)));
        return drift;
    }

    private static String repairs() {
        String text = server().accept("text/plain").get("/metrics?scope=application").then().extract().asString();
        Matcher m = Pattern.compile("(?m)^marquee_reconciler_repairs_total\\{[^}]*kind=\"([^\"]+)\"[^}]*\\}\\s+([0-9.E+-]+)").matcher(text);
        Map<String, Long> found = new TreeMap<>();
        while (m.find()) {
            long n = (long) Double.parseDouble(m.group(2));
            if (n > 0) {
                found.put(m.group(1), n);
            }
        }
        return found.toString();
    }

    private static void simulate(String settings) {
        RestAssured.given().baseUri(System.getProperty("marquee.payment.simulator.url")).contentType(ContentType.JSON).body(settings)
                .put("/control").then().statusCode(200);
    }
}
