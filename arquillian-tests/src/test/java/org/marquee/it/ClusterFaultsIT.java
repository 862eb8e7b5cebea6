package org.marquee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.marquee.it.Accounts.Account;

/**
 * The cluster's fault suite ({@code mvn verify -Pcluster}): Marquee on three Payara Server instances of one
 * domain behind the balancer, made the way an operator makes it
 * ({@code server-config/bin/marquee up --nodes 3}, a domain and database of this test's own), an on-sale
 * driven through the balancer by an independent client, and one instance killed with {@code kill -9}
 * mid-sale. The sale must go on through the others, a hold made through the dead instance must be seen and
 * paid through the others, fewer than 1 % of client requests may fail, and the audit after the recovery
 * window must be clean; the killed instance, started again by {@code up --nodes 3}, must rejoin the cluster.
 * Figures go to {@code target/cluster/report.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT {

    private static final String DOMAIN = "marquee-cluster";
    private static final int NODES = 3;
    /** The domain's port base (the balancer takes its HTTP port, base + 80; the simulator base + 90). */
    private static final int PORT_BASE = Integer.getInteger("marquee.cluster.port.base", 36000);
    /** Instance i's port base: this + (i - 1) * 100; its HTTP port + 80, its JGroups port + 60. */
    private static final int NODE_PORT_BASE = PORT_BASE + 200;
    /** The Payara Micro node's HTTP port (its JGroups port is 20 below). */
    private static final int MICRO_PORT = PORT_BASE + 880;
    private static final String MICRO_URL = "http://127.0.0.1:" + MICRO_PORT;
    private static final int BUYERS = 12;
    private static final int RECOVERY_WINDOW_SECONDS = 180;
    private static final String DB_NAME = System.getProperty("marquee.db.name") + "_cluster";
    private static final Path SERVER_DIR = Path.of(System.getProperty("marquee.server.dir"));
    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void upTheGroup() throws Exception {
        // the shared test helpers (accounts, events, the audit) talk to this installation
        System.setProperty("marquee.http.port", String.valueOf(PORT_BASE + 80));
        System.setProperty("marquee.db.url", "jdbc:postgresql://" + System.getProperty("marquee.db.host") + ":"
                + System.getProperty("marquee.db.port") + "/" + DB_NAME);
        long started = System.nanoTime();
        marquee(true, "up", "--nodes", String.valueOf(NODES));
        REPORT.add("- `marquee up --nodes " + NODES + "` (the domain and its instances made if missing, the EAR deployed to each instance), until every instance is ready: "
                + String.format("%.0f s", (System.nanoTime() - started) / 1e9));
        for (int i = 1; i <= NODES; i++) {
            assertEquals(NODES, members(i).size(), "instance " + i + " sees the whole cluster: " + members(i));
        }
    }

    @AfterAll
    static void downTheGroup() throws Exception {
        try {
            marquee(false, "down");
        } finally {
            Path out = SERVER_DIR.getParent().resolve("cluster");
            Files.createDirectories(out);
            Files.writeString(out.resolve("report.md"), "# Cluster fault suite\n\n" + String.join("\n", REPORT) + "\n");
            System.out.println(String.join("\n", REPORT));
        }
    }

    @Test
    @Order(1)
    void killMinusNineOfOneInstanceMidSale() throws Exception {
        OnSaleClient sale = new OnSaleClient("Cluster fault: one instance killed", 4000, BUYERS, publicUrl());
        Account fan = Accounts.newCustomer();
        sale.start();
        try {
            Thread.sleep(15_000);
            // a hold made through the instance about to die
            OnSaleClient.Answer hold = sale.send(nodeUrl(1), fan.token(), "/api/v1/bookings",
                    "{\"eventId\": \"" + sale.eventId + "\", \"seatTypeId\": \"" + sale.seatTypeId + "\", \"quantity\": 2}");
            assertEquals(201, hold.status(), "a hold through instance 1: " + hold.body());
            String booking = hold.field("id");

            Path pidFile = SERVER_DIR.resolve("payara6/glassfish/nodes/localhost-" + DOMAIN + "/" + instance(1) + "/config/pid");
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            assertTrue(Files.readString(Path.of("/proc/" + pid + "/cmdline")).contains(instance(1)), "pid " + pid + " is " + instance(1));
            long paidBefore = sale.paid.size();
            long killedAt = System.nanoTime();
            long killedAtMillis = System.currentTimeMillis();
            new ProcessBuilder("kill", "-9", String.valueOf(pid)).inheritIO().start().waitFor();
            Thread.sleep(40_000);

            // the survivors see a cluster of two, and the dead instance's hold
            for (int i = 2; i <= NODES; i++) {
                assertEquals(NODES - 1, members(i).size(), "instance " + i + " has dropped the dead one: " + members(i));
            }
            OnSaleClient.Answer paid = sale.send(publicUrl(), fan.token(), "/api/v1/bookings/" + booking + "/confirm",
                    "{\"paymentToken\": \"tok_visa\"}");
            assertEquals(200, paid.status(), "the hold made through the dead instance is paid through the others: " + paid.body());
            assertEquals("PAID", paid.field("status"));
            Thread.sleep(5_000);
            sale.stop();
            long paidAfter = sale.paid.size() - paidBefore;
            double failed = 100.0 * sale.failures() / sale.requests();
            REPORT.add("## One instance of three killed (kill -9) mid-sale\n\n"
                    + "- requests " + sale.requests() + ", failed (no answer or 5xx) " + sale.failures()
                    + String.format(" (%.2f %%)", failed) + "; answers: " + new TreeMap<>(sale.answers) + "\n"
                    + "- sent again with their Idempotency-Key " + sale.retried + ", still without an answer after that " + sale.unresolved + "\n"
                    + "- purchases acknowledged " + sale.paid.size() + " (" + paidAfter + " after the kill), holds " + sale.held.size() + "\n"
                    + "- the hold made through the killed instance paid through the others 40 s after the kill: yes\n"
                    + "- requests with no answer (ms after the kill: what the client met): " + sale.unanswered.stream()
                            .map(u -> u.describe(killedAtMillis)).toList() + "\n"
                    + "- survivors' cluster view " + String.format("%.0f s", (System.nanoTime() - killedAt) / 1e9) + " after the kill: "
                    + members(2));
            assertTrue(paidAfter > 0, "the sale went on through the other instances");
            assertTrue(failed < 1.0, "fewer than 1 % of requests failed: " + sale.answers);
            assertEquals(0, sale.unresolved.get(), "every request the kill cut off succeeded when sent again with its key");
            assertTrue(sale.bad.isEmpty(), "no 500, no HTML, 503 with Retry-After: " + sale.bad);
            audit(sale);
        } finally {
            sale.stop();
        }
    }

    /** What an operator does when an instance dies: {@code up --nodes 3} again starts it, and it rejoins. */
    @Test
    @Order(2)
    void theKilledInstanceRejoins() throws Exception {
        long started = System.nanoTime();
        marquee(false, "up", "--nodes", String.valueOf(NODES));
        REPORT.add("- `marquee up --nodes " + NODES + "` again: the killed instance started and ready in "
                + String.format("%.0f s", (System.nanoTime() - started) / 1e9) + "\n");
        for (int i = 1; i <= NODES; i++) {
            assertEquals(NODES, members(i).size(), "instance " + i + " sees the whole cluster again: " + members(i));
        }
    }

    /**
     * {@code marquee deploy} on the instances during an on-sale through the balancer: the EAR goes in under a new
     * application name and replaces the running build instance by instance, each drained at the balancer
     * first. The sale goes on through the others, nothing acknowledged is lost, and at the end every
     * instance runs the new build and the old one is gone.
     */
    @Test
    @Order(3)
    void aRollingRedeployKeepsTheSaleGoing() throws Exception {
        List<String> before = deployedBuilds();
        assertEquals(1, before.size(), "one build of Marquee is deployed: " + before);
        OnSaleClient sale = new OnSaleClient("Cluster: a rolling redeploy", 4000, BUYERS, publicUrl());
        sale.start();
        try {
            Thread.sleep(10_000);
            long paidBefore = sale.paid.size();
            long started = System.nanoTime();
            marquee(false, Map.of("MARQUEE_NODES", String.valueOf(NODES)), "deploy");
            long seconds = Math.round((System.nanoTime() - started) / 1e9);
            Thread.sleep(5_000);
            sale.stop();
            long paidDuring = sale.paid.size() - paidBefore;
            double failed = 100.0 * sale.failures() / sale.requests();
            List<String> after = deployedBuilds();
            REPORT.add("## A rolling redeploy of the instances mid-sale (`marquee deploy`)\n\n"
                    + "- the rollout took " + seconds + " s (" + NODES + " instances, one at a time); builds before " + before
                    + ", after " + after + "\n"
                    + "- requests " + sale.requests() + ", failed (no answer or 5xx) " + sale.failures()
                    + String.format(" (%.2f %%)", failed) + "; answers: " + new TreeMap<>(sale.answers) + "\n"
                    + "- sent again with their Idempotency-Key " + sale.retried + ", still without an answer after that " + sale.unresolved + "\n"
                    + "- purchases acknowledged " + sale.paid.size() + " (" + paidDuring + " from the rollout's start), holds " + sale.held.size());
            assertTrue(paidDuring > 0, "the sale went on during the rollout");
            assertTrue(failed < 1.0, "fewer than 1 % of requests failed: " + sale.answers);
            assertEquals(0, sale.unresolved.get(), "every request the rollout cut off succeeded when sent again with its key");
            assertTrue(sale.bad.isEmpty(), "no 500, no HTML, 503 with Retry-After: " + sale.bad);
            assertEquals(1, after.size(), "the old build is undeployed: " + after);
            assertTrue(!after.equals(before), "a new build runs: " + after);
            for (int i = 1; i <= NODES; i++) {
                assertEquals(NODES, members(i).size(), "instance " + i + " is back in the whole cluster: " + members(i));
            }
            audit(sale);
        } finally {
            sale.stop();
        }
    }

    /**
     * A Payara Micro node ({@code marquee micro}: the same application as one WAR) joins the instances'
     * cluster and shares their holds: a seat held through an instance is refused through the Micro node, a
     * seat held through the Micro node is refused through an instance, and that hold is paid through the
     * balancer.
     */
    @Test
    @Order(4)
    void aPayaraMicroNodeSharesHoldsWithTheInstances() throws Exception {
        long started = System.nanoTime();
        marquee(false, Map.of("MARQUEE_NODES", String.valueOf(NODES), "MARQUEE_MICRO_PORT_BASE", String.valueOf(MICRO_PORT)), "micro", "1");
        REPORT.add("- `marquee micro 1` (Payara Micro, the WAR of micro/) ready in " + String.format("%.0f s", (System.nanoTime() - started) / 1e9)
                + "; its cluster view: " + members(MICRO_URL));
        assertEquals(NODES + 1, members(MICRO_URL).size(), "the Micro node joined the instances' cluster: " + members(MICRO_URL));
        assertTrue(members(2).contains(DOMAIN + "-micro-1"), "an instance sees the Micro node: " + members(2));

        String eventId = Bookings.createEvent(Events.withSeatTypes("Cluster: a Micro node", Events.stadiumSeatTypes(1, 1, 4))).path("id");
        List<String> seats = RestAssured.given().baseUri(publicUrl()).get("/api/v1/events/{id}/seats", eventId).then().statusCode(200)
                .extract().path("id");
        Account first = Accounts.newCustomer();
        Account second = Accounts.newCustomer();
        OnSaleClient client = new OnSaleClient(publicUrl());
        assertEquals(201, client.send(nodeUrl(2), first.token(), "/api/v1/bookings", hold(eventId, seats.get(0))).status(), "held through an instance");
        OnSaleClient.Answer refused = client.send(MICRO_URL, second.token(), "/api/v1/bookings", hold(eventId, seats.get(0)));
        assertEquals(409, refused.status(), "the Micro node refuses a seat held through an instance: " + refused.body());
        OnSaleClient.Answer onMicro = client.send(MICRO_URL, second.token(), "/api/v1/bookings", hold(eventId, seats.get(1)));
        assertEquals(201, onMicro.status(), "held through the Micro node: " + onMicro.body());
        assertEquals(409, client.send(nodeUrl(3), first.token(), "/api/v1/bookings", hold(eventId, seats.get(1))).status(),
                "an instance refuses a seat held through the Micro node");
        OnSaleClient.Answer paid = client.send(publicUrl(), second.token(), "/api/v1/bookings/" + onMicro.field("id") + "/confirm",
                "{\"paymentToken\": \"tok_visa\"}");
        assertEquals(200, paid.status(), "the Micro node's hold is paid through the balancer: " + paid.body());
    }

    private static String hold(String eventId, String seatId) {
        return "{\"eventId\": \"" + eventId + "\", \"seatIds\": [\"" + seatId + "\"]}";
    }

    private static void audit(OnSaleClient sale) throws Exception {
        long deadline = System.currentTimeMillis() + RECOVERY_WINDOW_SECONDS * 1000L;
        Map<String, Long> findings;
        do {
            Thread.sleep(5_000);
            try (Connection db = DriverManager.getConnection(System.getProperty("marquee.db.url"),
                    System.getProperty("marquee.db.user"), System.getProperty("marquee.db.password"))) {
                findings = sale.findings(db, "http://127.0.0.1:" + (PORT_BASE + 90));
            }
        } while (findings.values().stream().anyMatch(n -> n != 0) && System.currentTimeMillis() < deadline);
        REPORT.add("- audit after the recovery window: " + findings + "\n");
        assertTrue(findings.values().stream().allMatch(n -> n == 0), "audit: " + findings);
    }

    /** The builds of Marquee the domain has deployed to its instances (marquee-<UTC time>). */
    private static List<String> deployedBuilds() throws Exception {
        String domainXml = Files.readString(SERVER_DIR.resolve("payara6/glassfish/domains/" + DOMAIN + "/config/domain.xml"));
        return Pattern.compile("<application [^>]*name=\"(marquee-\\d{8}-\\d{6})\"").matcher(domainXml).results()
                .map(m -> m.group(1)).toList();
    }

    /** The cluster members instance i reports in its readiness (its cluster check's data). */
    private static List<String> members(int i) {
        return members(nodeUrl(i));
    }

    private static List<String> members(String node) {
        String members = RestAssured.given().baseUri(node).get("/health/ready").then().extract()
                .path("checks.find { it.name == 'cluster' }.data.members");
        return members == null || members.isBlank() ? List.of() : List.of(members.split(","));
    }

    private static String instance(int i) {
        return DOMAIN + "-" + i;
    }

    private static String nodeUrl(int i) {
        return "http://127.0.0.1:" + (NODE_PORT_BASE + (i - 1) * 100 + 80);
    }

    private static String publicUrl() {
        return "http://127.0.0.1:" + (PORT_BASE + 80);
    }

    /** Runs server-config/bin/marquee for this test's own installation (on a new, empty database if asked). */
    private static void marquee(boolean newDatabase, String... args) throws Exception {
        marquee(newDatabase, Map.of(), args);
    }

    private static void marquee(boolean newDatabase, Map<String, String> settings, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("marquee.script"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = pb.environment();
        env.put("MARQUEE_SERVER_DIR", SERVER_DIR.toString());
        env.put("MARQUEE_DOMAIN", DOMAIN);
        env.put("MARQUEE_PORT_BASE", String.valueOf(PORT_BASE));
        env.put("MARQUEE_NODE_PORT_BASE", String.valueOf(NODE_PORT_BASE));
        env.put("MARQUEE_PAYARA_ADMIN_PASSWORD", System.getProperty("marquee.second.admin.password"));
        env.put("MARQUEE_DB_HOST", System.getProperty("marquee.db.host"));
        env.put("MARQUEE_DB_PORT", System.getProperty("marquee.db.port"));
        env.put("MARQUEE_DB_NAME", DB_NAME);
        env.put("MARQUEE_DB_USER", System.getProperty("marquee.db.user"));
        env.put("MARQUEE_DB_PASSWORD", System.getProperty("marquee.db.password"));
        env.put("MARQUEE_DB_RESET", String.valueOf(newDatabase));
        env.put("MARQUEE_HEAP", "1g");
        env.put("MARQUEE_EAR", System.getProperty("marquee.ear"));
        env.put("MARQUEE_PASSWORD_PBKDF2_ITERATIONS", "10000");
        env.put("MARQUEE_ADMIN_EMAIL", System.getProperty("marquee.admin.email"));
        env.put("MARQUEE_ADMIN_PASSWORD", System.getProperty("marquee.admin.password"));
        env.put("MARQUEE_READY_TIMEOUT_SECONDS", "900");
        env.putAll(settings);
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), "marquee " + String.join(" ", args) + " finished");
        assertEquals(0, p.exitValue(), "marquee " + String.join(" ", args));
    }
}
