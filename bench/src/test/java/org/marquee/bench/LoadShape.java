package org.marquee.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The load every simulation applies, phase after phase, so that each scenario can be compared with the
 * baseline phase by phase: a short warm-up, open-model levels (new requests per second, whatever the
 * server's latency: the way a crowd arrives), then a closed-model phase of a fixed number of clients
 * that each send their next request as soon as the last one is answered, which measures how many
 * requests per second the server can serve. Read from system properties so that the simulations (in
 * Gatling's JVM) and the summary (in Maven's) see the same plan; the defaults are the bench profile's.
 */
public record LoadShape(int warmupRate, List<Integer> rates, int phaseSeconds, int closedUsers) {

    public static final int WARMUP_SECONDS = 10;

    /** One phase: its label (part of every request name), open or closed model, its level and length. */
    public record Phase(String label, boolean open, int level, int seconds) {
        public boolean warmUp() {
            return label.startsWith("warm-up");
        }
    }

    public static LoadShape fromSystemProperties() {
        List<Integer> rates = Arrays.stream(System.getProperty("bench.rates", "100,300,600,1000").split(","))
                .map(String::strip).filter(r -> !r.isEmpty()).map(Integer::valueOf).toList();
        return new LoadShape(Integer.getInteger("bench.warmup.rate", 50), rates,
                Integer.getInteger("bench.phase.seconds", 20), Integer.getInteger("bench.closed.users", 32));
    }

    public List<Phase> phases() {
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("warm-up " + warmupRate + "/s", true, warmupRate, WARMUP_SECONDS));
        for (int rate : rates) {
            phases.add(new Phase("open " + rate + "/s", true, rate, phaseSeconds));
        }
        phases.add(new Phase("closed " + closedUsers + " clients", false, closedUsers, phaseSeconds));
        return phases;
    }

    /** Planned length of a simulation, in seconds. */
    public int seconds() {
        return phases().stream().mapToInt(Phase::seconds).sum();
    }

    /** The name of a request of a scenario in a phase, as Gatling reports it: {@code "scenario: phase"}. */
    public static String requestName(String scenario, Phase phase) {
        return scenario + ": " + phase.label();
    }
}
