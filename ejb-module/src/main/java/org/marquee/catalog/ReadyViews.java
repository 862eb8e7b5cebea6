package org.marquee.catalog;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A node's rendered answers by id. A fresh answer is served as it is; a stale or missing one is rendered
 * by one caller while the others asking for the same id wait for it (no stampede on a hot event). At
 * most {@code capacity} answers are kept: past it, stale ones are dropped, then all.
 */
final class ReadyViews {

    private final ConcurrentHashMap<UUID, ReadyView> views = new ConcurrentHashMap<>();
    private final int capacity;

    ReadyViews(int capacity) {
        this.capacity = capacity;
    }

    ReadyView get(UUID id, Function<UUID, ReadyView> render) {
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

    void remove(UUID id) {
        views.remove(id);
    }
}
