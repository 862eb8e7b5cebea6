package org.marquee.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.junit.jupiter.api.Test;

class MetricHandlesTest {

    /** A registry that records every lookup and hands out a new metric for each. */
    private static final class Lookups {
        final List<String> seen = new ArrayList<>();

        MetricRegistry registry() {
            return (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MetricRegistry.class}, (proxy, method, args) -> {
                String name = (String) args[0];
                Tag[] tags = args.length > 1 ? (Tag[]) args[1] : new Tag[0];
                seen.add(method.getName() + " " + name + Arrays.stream(tags).map(t -> " " + t.getTagName() + "=" + t.getTagValue()).reduce("", String::concat));
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {method.getReturnType()}, (p, m, a) -> null);
            });
        }
    }

    @Test
    void aCounterIsLookedUpOnceForEachNameAndTags() {
        Lookups lookups = new Lookups();
        MetricHandles metrics = new MetricHandles(lookups.registry());
        Counter first = metrics.counter("calls", "operation", "authorise", "outcome", "ok");
        Counter again = metrics.counter("calls", "operation", "authorise", "outcome", "ok");
        Counter other = metrics.counter("calls", "operation", "capture", "outcome", "ok");
        metrics.counter("untagged");
        metrics.counter("untagged");

        assertSame(first, again);
        assertTrue(first != other);
        assertEquals(List.of("counter calls operation=authorise outcome=ok", "counter calls operation=capture outcome=ok",
                "counter untagged"), lookups.seen);
    }

    @Test
    void timersAndHistogramsAreLookedUpOnce() {
        Lookups lookups = new Lookups();
        MetricHandles metrics = new MetricHandles(lookups.registry());
        Timer timer = metrics.timer("hold_duration");
        Histogram sizes = metrics.histogram("batch_size");

        assertSame(timer, metrics.timer("hold_duration"));
        assertSame(sizes, metrics.histogram("batch_size"));
        assertEquals(List.of("timer hold_duration", "histogram batch_size"), lookups.seen);
    }

    @Test
    void tagsComeInPairs() {
        Lookups lookups = new Lookups();
        MetricHandles metrics = new MetricHandles(lookups.registry());

        assertThrows(IllegalArgumentException.class, () -> metrics.counter("calls", "operation"));
        assertTrue(lookups.seen.isEmpty());
    }
}
