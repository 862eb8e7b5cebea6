package org.marquee.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(base.getHost())
                .append(':').append(base.getPort()).append("\r\nUser-Agent: marquee-bench\r\nAccept: application/json\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        byte[] bytes = request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);

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
                try {
                    load(base, bytes, expectedStatus, measureFrom, stopAt, histogram, requests, all, unexpected);
                } finally {
                    done.countDown();
                }
            }, "load-" + c);
            worker.setDaemon(true);
            worker.start();
        }
        done.await();
        long[] merged = new long[BUCKETS];
        for (long[] h : histograms) {
            for (int i = 0; i < BUCKETS; i++) {
                merged[i] += h[i];
            }
        }
        return new Result(requests.get(), all.get(), unexpected.get(), millis / 1000.0, merged);
    }

    private static void load(URI base, byte[] request, int expectedStatus, long measureFrom, long stopAt, long[] histogram,
                             AtomicLong requests, AtomicLong all, AtomicLong unexpected) {
        while (System.nanoTime() < stopAt) {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
                while (true) {
                    long start = System.nanoTime();
                    if (start >= stopAt) {
                        return;
                    }
                    out.write(request);
                    out.flush();
                    int status = readResponse(in);
                    long end = System.nanoTime();
                    all.incrementAndGet();
                    if (start >= measureFrom) {
                        requests.incrementAndGet();
                        if (status != expectedStatus) {
                            unexpected.incrementAndGet();
                        }
                        histogram[(int) Math.min(BUCKETS - 1, (end - start) / 1000 / BUCKET_MICROS)]++;
                    }
                }
            } catch (IOException e) {
                // the server closed the connection (Payara ends a keep-alive connection after 250 requests): open another
            }
        }
    }

    /** Reads one answer (status line, headers, body by Content-Length or chunks) and returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = status == 304 || status == 204 ? 0 : -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(header.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && header.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                skip(in, size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            skip(in, length);
        }
        return status;
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in a body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
