package org.marquee.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The faults the simulator plays, set by tests at {@code PUT /control}; replaced as a whole.
 *
 * @param mode UP; DOWN (every call 503 at once); HANG (every call waits {@code hangMs}, then is processed)
 * @param latencyMs added to every call
 * @param errorRate 0–1: that share of calls fail with 500 before doing anything
 * @param captureOnAuthorise authorisations are captured at once (a "sale")
 * @param webhooks whether changes are announced at all
 * @param webhookDelayMs how long a webhook waits before its first delivery
 * @param webhookShuffle each delivery waits a random part of the delay, so events overtake each other
 * @param webhookDuplicateRate 0–1: that share of events is delivered twice
 * @param refuse the settlement calls (capture, void, refund) the processor refuses for good, as a real one
 *               does when an authorisation expired or a card was closed: 402, kept under the call's key
 */
record FaultSettings(String mode, long latencyMs, double errorRate, long hangMs, boolean captureOnAuthorise,
        boolean webhooks, long webhookDelayMs, boolean webhookShuffle, double webhookDuplicateRate, Set<String> refuse) {

    static final FaultSettings DEFAULTS = new FaultSettings("UP", 0, 0, 10_000, false, true, 200, false, 0, Set.of());

    static final Set<String> SETTLEMENTS = Set.of("capture", "void", "refund");

    static final long MAX_MILLIS = 600_000;

    /** These settings with the ones named in {@code change}; IllegalArgumentException for a bad value. */
    FaultSettings with(Map<String, Object> change) {
        String m = text(change, "mode", mode).toUpperCase(Locale.ROOT);
        if (!m.equals("UP") && !m.equals("DOWN") && !m.equals("HANG")) {
            throw new IllegalArgumentException("mode must be UP, DOWN or HANG");
        }
        return new FaultSettings(m, millis(change, "latencyMs", latencyMs), rate(change, "errorRate", errorRate),
                millis(change, "hangMs", hangMs), flag(change, "captureOnAuthorise", captureOnAuthorise),
                flag(change, "webhooks", webhooks), millis(change, "webhookDelayMs", webhookDelayMs),
                flag(change, "webhookShuffle", webhookShuffle), rate(change, "webhookDuplicateRate", webhookDuplicateRate),
                settlements(change, "refuse", refuse));
    }

    boolean refuses(String action) {
        return refuse.contains(action);
    }

    boolean down() {
        return mode.equals("DOWN");
    }

    /** How long a call waits before it is processed. */
    long delayMs() {
        return latencyMs + (mode.equals("HANG") ? hangMs : 0);
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", mode);
        json.put("latencyMs", latencyMs);
        json.put("errorRate", errorRate);
        json.put("hangMs", hangMs);
        json.put("captureOnAuthorise", captureOnAuthorise);
        json.put("webhooks", webhooks);
        json.put("webhookDelayMs", webhookDelayMs);
        json.put("webhookShuffle", webhookShuffle);
        json.put("webhookDuplicateRate", webhookDuplicateRate);
        json.put("refuse", new ArrayList<>(new TreeSet<>(refuse)));
        return json;
    }

    static int count(Map<String, Object> change, String name) {
        long n = millis(change, name, 0);
        return (int) n;
    }

    private static String text(Map<String, Object> c, String name, String current) {
        Object v = c.getOrDefault(name, current);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return s;
    }

    private static Set<String> settlements(Map<String, Object> c, String name, Set<String> current) {
        if (!c.containsKey(name)) {
            return current;
        }
        if (!(c.get(name) instanceof List<?> list)) {
            throw new IllegalArgumentException(name + " must be a list of capture, void, refund");
        }
        Set<String> chosen = new TreeSet<>();
        for (Object o : list) {
            if (!(o instanceof String s) || !SETTLEMENTS.contains(s)) {
                throw new IllegalArgumentException(name + " must be a list of capture, void, refund");
            }
            chosen.add(s);
        }
        return Set.copyOf(chosen);
    }

    private static boolean flag(Map<String, Object> c, String name, boolean current) {
        Object v = c.getOrDefault(name, current);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return b;
    }

    private static long millis(Map<String, Object> c, String name, long current) {
        if (!c.containsKey(name)) {
            return current;
        }
        long v;
        try {
            v = number(c, name).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        if (v < 0 || v > MAX_MILLIS) {
            throw new IllegalArgumentException(name + " must be 0 to " + MAX_MILLIS);
        }
        return v;
    }

    private static double rate(Map<String, Object> c, String name, double current) {
        double v = c.containsKey(name) ? number(c, name).doubleValue() : current;
        if (v < 0 || v > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
        return v;
    }

    private static BigDecimal number(Map<String, Object> c, String name) {
        if (!(c.get(name) instanceof BigDecimal n)) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        return n;
    }
}
