package org.marquee.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load: a fixed number of keep-alive connections, each on its own thread sending
 * one request and reading the whole answer before the next, for a given time. It costs the machine a
 * few microseconds a request (raw sockets, no parsing beyond the status line and the body's length), so
 * on a 2-core machine it takes little from the server it measures. Latencies are kept in 10 µs buckets.
 * A connection the server closes is opened again, as a browser would; the request it cut short is not counted.
 */
final class ClosedLoopLoad {

    static final int BUCKET_MICROS = 10;
    private static final int BUCKETS = 200_000;   // up to 2 s; slower answers count in the last bucket

    /** What one run measured; {@code allRequests} counts the warm-up's too (for CPU time per request). */
    record Result(long requests, long allRequests, long unexpected, double seconds, long[] histogram) {

        double perSecond() {
            return requests / seconds;
        }

        /** The latency below which this fraction of the requests finished, in milliseconds. */
        double percentileMillis(double fraction) {
            long wanted = (long) Math.ceil(requests * fraction);
            long seen = 0;
            for (int i = 0; i < histogram.length; i++) {
                seen += histogram[i];
                if (seen >= wanted && wanted > 0) {
                    return (i + 1) * BUCKET_MICROS / 1000.0;
                }
            }
            return Double.NaN;
        }
    }

    private ClosedLoopLoad() {
    }

    /**
     * Sends {@code GET path} with these headers on {@code connections} connections for {@code millis}
     * (after {@code warmupMillis} not counted); an answer whose status is not {@code expectedStatus} counts
     * as unexpected.
     */
    static Result run(URI base, String path, Map<String, String> headers, int expectedStatus, int connections, long warmupMillis,
                      long millis) throws InterruptedException {
        byte[] request = RawHttp.request(base, "GET", path, headers, null);
        long measureFrom = System.nanoTime() + warmupMillis * 1_000_000;
        long stopAt = measureFrom + millis * 1_000_000;
        AtomicLong requests = new AtomicLong();
        AtomicLong all = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        List<long[]> histograms = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            long[] histogram = new long[BUCKETS];
            histograms.add(histogram);
            Thread worker = new Thread(() -> {
                try (RawHttp http = new RawHttp(base)) {
                    while (System.nanoTime() < stopAt) {
                        long start = System.nanoTime();
                        int status;
                        try {
                            status = http.exchange(request, false).status();
                        } catch (IOException e) {
                            continue;   // the server closed the connection (Payara ends a keep-alive one after 250 requests)
                        }
                        all.incrementAndGet();
                        if (start >= measureFrom) {
                            requests.incrementAndGet();
                            if (status != expectedStatus) {
                                unexpected.incrementAndGet();
                            }
                            record(histogram, System.nanoTime() - start);
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + c);
            worker.setDaemon(true);
            worker.start();
        }
        done.await();
        return new Result(requests.get(), all.get(), unexpected.get(), millis / 1000.0, merge(histograms));
    }

    static long[] newHistogram() {
        return new long[BUCKETS];
    }

    static void record(long[] histogram, long nanos) {
        histogram[(int) Math.min(BUCKETS - 1, nanos / 1000 / BUCKET_MICROS)]++;
    }

    static long[] merge(List<long[]> histograms) {
        long[] merged = new long[BUCKETS];
        for (long[] h : histograms) {
            for (int i = 0; i < BUCKETS; i++) {
                merged[i] += h[i];
            }
        }
        return merged;
    }
}
