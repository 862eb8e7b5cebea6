package org.marquee.catalog;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A node's rendered answers by id. A fresh answer is served as it is; a stale or missing one is rendered
 * by one caller while the others asking for the same id wait for it (no stampede on a hot event). At
 * most {@code capacity} answers are kept: past it, stale ones are dropped, then all.
 */
final class ReadyViews<K> {

    private final ConcurrentHashMap<K, ReadyView> views = new ConcurrentHashMap<>();
    private final int capacity;

    ReadyViews(int capacity) {
        this.capacity = capacity;
    }

    ReadyView get(K id, Function<K, ReadyView> render) {
        ReadyView answer = views.get(id);
        if (answer != null && answer.freshAt(System.currentTimeMillis())) {
            return answer;
        }
        if (views.size() >= capacity) {
            long now = System.currentTimeMillis();
            views.values().removeIf(r -> !r.freshAt(now));
            if (views.size() >= capacity) {
                views.clear();
            }
        }
        return views.compute(id, (key, old) -> old != null && old.freshAt(System.currentTimeMillis()) ? old : render.apply(key));
    }

    void remove(K id) {
        views.remove(id);
    }

    void clear() {
        views.clear();
    }
}
