package org.marquee.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Delivers webhooks to Marquee from the simulator's own threads: signed, POSTed to the webhook URL, and
 * sent again with backoff (1 s, 2 s, 4 s ... 16 s; {@value #ATTEMPTS} attempts) until Marquee takes them.
 * Each event is in the ledger before it is announced here and is marked there once delivered, so
 * the ones owed when the simulator stopped are sent again at its next start ({@link #resume}).
 *
 * <p>Events due at the same moment travel together, as card processors batch their notifications: one
 * delivery thread takes every event that is due (up to {@value #MAX_BATCH}) and sends a lone event as
 * its own body, several as {@code {"events": [<event>, ...]}} under one signature. Marquee answers a
 * batch 200 with {@code {"outcomes": [{"id", "outcome"}, ...]}}; an event whose outcome is
 * {@code IN_FLIGHT} (or any event of a batch answered otherwise) is sent again later.
 */
final class WebhookSender implements Webhooks, AutoCloseable {

    static final int ATTEMPTS = 10;
    static final int MAX_BATCH = 100;
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
    private final LinkedBlockingQueue<Delivery> due = new LinkedBlockingQueue<>();
    private final Thread deliverer;

    /** One delivery attempt of an event; {@code recorded}: this copy marks the ledger (a duplicate does not). */
    private record Delivery(WebhookEvent event, int attempt, boolean recorded) {
    }

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
        this.deliverer = new Thread(this::deliverDue, "webhook-deliverer");
        deliverer.setDaemon(true);
        deliverer.start();
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

    private void schedule(WebhookEvent event, long delayMs, int attempt, boolean recorded) {
        pending.incrementAndGet();
        scheduler.schedule(() -> due.add(new Delivery(event, attempt, recorded)), delayMs, TimeUnit.MILLISECONDS);
    }

    private void deliverDue() {
        while (!Thread.currentThread().isInterrupted()) {
            List<Delivery> batch = new ArrayList<>();
            try {
                batch.add(due.take());
            } catch (InterruptedException e) {
                return;
            }
            due.drainTo(batch, MAX_BATCH - 1);
            pending.addAndGet(-batch.size());
            try {
                deliver(batch);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "webhook delivery failed", e);
            }
        }
    }

    private void deliver(List<Delivery> batch) {
        String body = batch.size() == 1 ? batch.get(0).event().body()
                : batch.stream().map(d -> d.event().body()).collect(Collectors.joining(",", "{\"events\":[", "]}"));
        int status;
        String answer;
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(WebhookSigner.HEADER, signer.sign(clock.instant().getEpochSecond(), body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            answer = response.body();
        } catch (IOException e) {
            status = -1;
            answer = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Set<String> later = status >= 200 && status < 300 ? (batch.size() == 1 ? Set.of() : inFlight(answer)) : null;
        List<String> recorded = new ArrayList<>();
        for (Delivery d : batch) {
            boolean taken = later != null && !later.contains(d.event().id());
            if (taken && d.recorded()) {
                recorded.add(d.event().id());
            }
            settle(d, taken);
        }
        try {
            // one transaction for the batch's marks, not one per event (a delivery carries dozens)
            ledger.delivered(recorded);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record the delivery of " + recorded.size() + " webhooks (sent again at the next start)", e);
        }
    }

    /** The events of a batch Marquee asked to have sent again ({@code IN_FLIGHT}). */
    @SuppressWarnings("unchecked")
    static Set<String> inFlight(String answer) {
        Set<String> later = new HashSet<>();
        try {
            Object outcomes = JsonText.parseObject(answer).get("outcomes");
            if (outcomes instanceof List<?> list) {
                for (Object o : list) {
                    Map<String, Object> outcome = (Map<String, Object>) o;
                    if ("IN_FLIGHT".equals(outcome.get("outcome"))) {
                        later.add(String.valueOf(outcome.get("id")));
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warning("Marquee's answer to a batch of webhooks is not {outcomes: [...]}: " + answer);
        }
        return later;
    }

    private void settle(Delivery d, boolean taken) {
        WebhookEvent event = d.event();
        try {
            if (taken) {
                delivered.incrementAndGet();
            } else if (d.attempt() + 1 < ATTEMPTS) {
                schedule(event, retryDelayMs(d.attempt() + 1), d.attempt() + 1, d.recorded());
            } else {
                LOG.warning("gave up delivering webhook " + event.id() + " after " + ATTEMPTS + " attempts: " + event.body());
                if (d.recorded()) {
                    ledger.abandoned(event.id());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record that webhook " + event.id() + " was given up (it is sent again at the next start)", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        deliverer.interrupt();
    }
}
