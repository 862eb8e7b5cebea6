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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

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
    private static volatile OnSaleClient current;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Order(1)
    void killMinusNineOfPayaraMidSale() throws Exception {
        OnSaleClient sale = sale("Fault: kill -9 of Payara");
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
        OnSaleClient sale = sale("Fault: PostgreSQL restarted");
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
        OnSaleClient sale = sale("Fault: provider killed");
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
        OnSaleClient sale = sale("Fault: provider hanging");
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

    /** A new on-sale of 4,000 places for 12 buyers through the balancer; the one an interrupted scenario leaves is stopped after it. */
    private static OnSaleClient sale(String name) throws Exception {
        current = new OnSaleClient(name, 4000, BUYERS, publicUrl());
        return current;
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
    private static double awaitConfirmWorks(long since, OnSaleClient sale) throws Exception {
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

    private static void audit(OnSaleClient sale, String scenario, double recoverySeconds, int windowSeconds) throws Exception {
        // the recovery window: the reconciler (every 15 s) captures, voids and refunds what the fault left open
        long deadline = System.currentTimeMillis() + windowSeconds * 1000L;
        Map<String, Long> findings;
        do {
            Thread.sleep(5_000);
            try (Connection db = database()) {
                findings = sale.findings(db, System.getProperty("marquee.payment.simulator.url"));
            }
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
