package org.marquee.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers webhooks to Marquee from the simulator's own threads: signed, POSTed to the webhook URL, and
 * sent again with backoff (1 s, 2 s, 4 s ... 16 s; {@value #ATTEMPTS} attempts) until answered 2xx.
 * Each event is in the ledger before it is announced here and is marked there once delivered, so
 * the ones owed when the simulator stopped are sent again at its next start ({@link #resume}).
 */
final class WebhookSender implements Webhooks, AutoCloseable {

    static final int ATTEMPTS = 10;
    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());

    private final URI url;
    private final WebhookSigner signer;
    private final Ledger ledger;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();

    WebhookSender(URI url, WebhookSigner signer, Ledger ledger, Clock clock, int threads) {
        this.url = url;
        this.signer = signer;
        this.ledger = ledger;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "webhook-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.scheduler = pool;
    }

    @Override
    public void announce(List<WebhookEvent> events, FaultSettings settings) {
        for (WebhookEvent event : events) {
            schedule(event, firstDelayMs(settings), 0, true);
            if (ThreadLocalRandom.current().nextDouble() < settings.webhookDuplicateRate()) {
                schedule(event, firstDelayMs(settings), 0, false);
            }
        }
    }

    /** Sends again every webhook the ledger still owes (after a restart). */
    void resume() {
        List<WebhookEvent> owed = ledger.undelivered();
        if (!owed.isEmpty()) {
            LOG.info("resuming delivery of " + owed.size() + " webhook(s) owed from before the restart");
        }
        owed.forEach(e -> schedule(e, 0, 0, true));
    }

    long delivered() {
        return delivered.get();
    }

    int pending() {
        return pending.get();
    }

    static long firstDelayMs(FaultSettings s) {
        return s.webhookShuffle() ? ThreadLocalRandom.current().nextLong(s.webhookDelayMs() + 1) : s.webhookDelayMs();
    }

    /** The wait before attempt {@code attempt} (1 = the first retry): 1 s doubling up to 16 s. */
    static long retryDelayMs(int attempt) {
        return Math.min(1000L << Math.min(attempt - 1, 10), 16_000);
    }

    /** {@code recorded}: this copy marks the ledger (a duplicate delivery does not). */
    private void schedule(WebhookEvent event, long delayMs, int attempt, boolean recorded) {
        pending.incrementAndGet();
        scheduler.schedule(() -> {
            pending.decrementAndGet();
            deliver(event, attempt, recorded);
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private void deliver(WebhookEvent event, int attempt, boolean recorded) {
        int status;
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(WebhookSigner.HEADER, signer.sign(clock.instant().getEpochSecond(), event.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(event.body())).build();
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (status >= 200 && status < 300) {
                delivered.incrementAndGet();
                if (recorded) {
                    ledger.delivered(event.id());
                }
            } else if (attempt + 1 < ATTEMPTS) {
                schedule(event, retryDelayMs(attempt + 1), attempt + 1, recorded);
            } else {
                LOG.warning("gave up delivering webhook " + event.id() + " after " + ATTEMPTS + " attempts: " + event.body());
                if (recorded) {
                    ledger.abandoned(event.id());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record the delivery of webhook " + event.id() + " (sent again at the next start)", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
