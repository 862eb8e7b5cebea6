package org.marquee.simulator;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Marquee's payment provider simulator as a process of its own (for local runs, tests and benchmarks;
 * never production): {@code java -jar marquee-payment-simulator.jar}, configured by its environment
 * ({@link SimulatorConfig}). Its ledger is in its own database, so it outlives a crash of Marquee and
 * of the simulator itself; the webhooks it still owed are sent again when it starts.
 */
public final class PaymentSimulator {

    private static final Logger LOG = Logger.getLogger(PaymentSimulator.class.getName());

    private PaymentSimulator() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        SimulatorConfig config = SimulatorConfig.from(System.getenv());
        Clock clock = Clock.systemUTC();
        PostgresLedger ledger = new PostgresLedger(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPool());
        WebhookSender webhooks = new WebhookSender(config.webhookUrl(), new WebhookSigner(config.webhookSecret()), ledger, clock, 4);
        Faults faults = new Faults();
        CardProcessor processor = new CardProcessor(ledger, faults, webhooks, clock);
        SimulatorServer server = new SimulatorServer(new InetSocketAddress(config.bind(), config.port()), config.threads(),
                processor, faults, ledger, webhooks);
        server.start();
        webhooks.resume();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            webhooks.close();
            ledger.close();
        }, "simulator-shutdown"));
        LOG.info("payment provider simulator listening on http://" + config.bind() + ":" + server.port()
                + "/ (ledger " + config.dbUrl() + ", webhooks to " + config.webhookUrl() + ")");
    }
}
