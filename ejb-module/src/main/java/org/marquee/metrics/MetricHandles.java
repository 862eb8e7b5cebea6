package org.marquee.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The metrics of one registry, each looked up once and then kept. A lookup through the registry costs
 * more than the update it is for, on every hot-path call: each {@link Tag} checks its name against a
 * regular expression, and Payara's registry reads the metric's configuration (MicroProfile Config) for
 * every timer and histogram it hands out. Tag values must come from small fixed sets (operations,
 * outcomes, reasons): every combination is kept for the application's life.
 */
public final class MetricHandles {

    private record Key(String name, List<String> tags) {
    }

    private final MetricRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();

    public MetricHandles(MetricRegistry registry) {
        this.registry = registry;
    }

    /** The counter {@code name} with the tags {@code tagNamesAndValues} (name, value, name, value, ...). */
    public Counter counter(String name, String... tagNamesAndValues) {
        if (tagNamesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in name-value pairs: " + List.of(tagNamesAndValues));
        }
        return counters.computeIfAbsent(new Key(name, List.of(tagNamesAndValues)), k -> registry.counter(name, tags(tagNamesAndValues)));
    }

    public Timer timer(String name) {
        return timers.computeIfAbsent(name, registry::timer);
    }

    public Histogram histogram(String name) {
        return histograms.computeIfAbsent(name, registry::histogram);
    }

    private static Tag[] tags(String[] namesAndValues) {
        List<Tag> tags = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            tags.add(new Tag(namesAndValues[i], namesAndValues[i + 1]));
        }
        return tags.toArray(Tag[]::new);
    }
}
