package org.marquee.search;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What the index answered to recent queries, per node: pages of hits, and the exact totals and facet
 * counts that every page of a query shares. Fans repeat each other's queries (the same artist, the same
 * city this weekend), and a broad query costs far more to answer than to serve again: finding its best
 * hits means scoring every match, and counting means visiting every match. An answer is valid for one
 * index version (every applied outbox batch makes a new one, so a change is never hidden by the cache)
 * and at most {@link #TTL}, since time moves events out of "not over yet". The cache keeps the most
 * recently used answers up to {@link #MAX_WEIGHT} (an answer weighs about one per hit it holds, so the
 * bound is on memory, not on the number of queries: about 90 MB); availability is not part of an answer
 * (it is read for every page).
 */
public final class SearchCache {

    static final Duration TTL = Duration.ofSeconds(60);
    static final long MAX_WEIGHT = 150_000;

    /** What an answer weighs in the cache: about one per hit it holds. */
    public interface Weighted {
        int weight();
    }

    private record Entry(long version, long expiresAt, Weighted answer) {
    }

    private final ConcurrentHashMap<String, CompletableFuture<Object>> computing = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** Least recently used first; guarded by itself, as is {@link #weight}. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long weight;

    /**
     * The cached answer of this version, or the computed one (then cached). Concurrent callers of the
     * same missing answer wait for one computation rather than each running the query.
     */
    @SuppressWarnings("unchecked")
    public <T extends Weighted> T get(String key, long version, Supplier<T> compute) {
        T cached = peek(key, version);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        String flight = version + "\0" + key;
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = computing.putIfAbsent(flight, mine);
        if (running != null) {
            hits.increment();
            try {
                return (T) running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        misses.increment();
        try {
            T computed = compute.get();
            put(key, version, computed);
            mine.complete(computed);
            return computed;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            computing.remove(flight, mine);
        }
    }

    /** The cached answer of this version, or null. */
    @SuppressWarnings("unchecked")
    public <T extends Weighted> T peek(String key, long version) {
        long now = System.nanoTime();
        synchronized (entries) {
            Entry e = entries.get(key);
            return e != null && e.version() == version && now - e.expiresAt() < 0 ? (T) e.answer() : null;
        }
    }

    public void put(String key, long version, Weighted answer) {
        long expiresAt = System.nanoTime() + TTL.toNanos();
        synchronized (entries) {
            Entry replaced = entries.put(key, new Entry(version, expiresAt, answer));
            weight += answer.weight() - (replaced == null ? 0 : replaced.answer().weight());
            Iterator<Entry> eldest = entries.values().iterator();
            while (weight > MAX_WEIGHT && eldest.hasNext()) {
                weight -= eldest.next().answer().weight();
                eldest.remove();
            }
        }
    }

    /** Answers served from the cache (or from a computation another request had started) since the node started. */
    public long hits() {
        return hits.sum();
    }

    /** Answers computed since the node started. */
    public long misses() {
        return misses.sum();
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
            weight = 0;
        }
    }
}
