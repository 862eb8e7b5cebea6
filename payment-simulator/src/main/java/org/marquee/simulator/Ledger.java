package org.marquee.simulator;

import java.util.List;

/**
 * The simulator's durable record: charges, the first answer given to each idempotency key, and the
 * webhooks not yet delivered. {@link #record} writes one call's effects atomically and durably before
 * the call is answered, so whatever the simulator acknowledged survives a crash of either process.
 */
interface Ledger extends AutoCloseable {

    /** The first answer given to this idempotency key, or null. */
    Answer answer(String idempotencyKey);

    Charge charge(String reference);

    Charge chargeByAuthorisationKey(String authorisationKey);

    List<Charge> charges();

    /**
     * Keeps one call's effects in one transaction: its answer under its key (if {@link Answer#kept()}),
     * the charge it created ({@code created}) or changed (otherwise; null: none), and its webhooks.
     */
    void record(String idempotencyKey, Answer answer, Charge charge, boolean created, List<WebhookEvent> events);

    /** Webhooks neither delivered nor abandoned, oldest first. */
    List<WebhookEvent> undelivered();

    /** Marks these webhooks delivered, in one transaction. */
    void delivered(List<String> eventIds);

    /** Given up after every attempt failed. */
    void abandoned(String eventId);

    @Override
    void close();
}
