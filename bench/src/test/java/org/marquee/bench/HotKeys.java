package org.marquee.bench;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An endless feeder of event ids with a hot-key skew: the event of popularity rank k (from 1) is drawn
 * with a probability proportional to 1/k^s (Zipf). With s = 1.2 over 200 events, the first event takes
 * about a quarter of the requests and the first five about half, the way a crowd piles onto a few
 * headline events while the long tail is read now and then.
 */
public final class HotKeys implements Iterator<Map<String, Object>> {

    private final String key;
    private final List<String> ids;
    private final double[] cumulative;

    /** {@code ids} in popularity order, most popular first. */
    public HotKeys(String key, List<String> ids, double exponent) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no ids to feed");
        }
        this.key = key;
        this.ids = List.copyOf(ids);
        this.cumulative = new double[ids.size()];
        double sum = 0;
        for (int k = 0; k < ids.size(); k++) {
            sum += 1 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < cumulative.length; k++) {
            cumulative[k] /= sum;
        }
    }

    /** The share of all draws that fall on the {@code top} most popular ids. */
    public double shareOfTop(int top) {
        return cumulative[Math.min(top, cumulative.length) - 1];
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Map<String, Object> next() {
        double u = ThreadLocalRandom.current().nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < u) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return Map.of(key, ids.get(low));
    }
}
