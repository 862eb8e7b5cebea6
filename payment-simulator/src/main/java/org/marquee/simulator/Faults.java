package org.marquee.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The current {@link FaultSettings}, the "fail the next n calls" counter and the count of provider calls. */
final class Faults {

    private volatile FaultSettings settings = FaultSettings.DEFAULTS;
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();

    FaultSettings settings() {
        return settings;
    }

    /** Applies a {@code PUT /control} body; IllegalArgumentException for a bad value, and then nothing changes. */
    synchronized void change(Map<String, Object> change) {
        FaultSettings next = settings.with(change);
        int fail = change.containsKey("failNext") ? FaultSettings.count(change, "failNext") : failNext.get();
        settings = next;
        failNext.set(fail);
    }

    synchronized void reset() {
        settings = FaultSettings.DEFAULTS;
        failNext.set(0);
    }

    long countRequest() {
        return requests.incrementAndGet();
    }

    /** Whether this call fails with an injected 500: one of the next n, or by the error rate. */
    boolean injectFailure(FaultSettings s) {
        return failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 || ThreadLocalRandom.current().nextDouble() < s.errorRate();
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>(settings.json());
        json.put("failNext", failNext.get());
        json.put("requests", requests.get());
        return json;
    }
}
