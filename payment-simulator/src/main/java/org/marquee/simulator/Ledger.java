package org.marquee.simulator;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The simulator's durable record: charges, the first answer given to each idempotency key, and the
 * webhooks not yet delivered. A call's effects are written atomically and durably before the call is
 * answered, so whatever the simulator acknowledged survives a crash of either process.
 */
interface Ledger extends AutoCloseable {

    /** One call's effects: its answer under its key, the charge it created ({@code created}) or changed (null: none), its webhooks. */
    record Entry(String idempotencyKey, Answer answer, Charge charge, boolean created, List<WebhookEvent> events) {
    }

    /** What the ledger holds for some calls before they are made: first answers by key, charges by reference. */
    record Priors(Map<String, Answer> answers, Map<String, Charge> charges) {
    }

    /** The first answer given to this idempotency key, or null. */
    Answer answer(String idempotencyKey);

    Charge chargeByAuthorisationKey(String authorisationKey);

    List<Charge> charges();

    /** The first answers of these keys and the charges of these references, read together (one round trip). */
    Priors priors(Collection<String> idempotencyKeys, Collection<String> references);

    /**
     * Keeps one call's effects unless its key already has an answer, in one statement: returns null when
     * they were written, or the first answer (and nothing is written). Only a call that creates its
     * charge, or none, is recorded this way; its answer must be {@link Answer#kept()}.
     */
    Answer recordFirst(Entry entry);

    /** Keeps these calls' effects in one transaction (their keys have no answer yet). */
    void recordAll(List<Entry> entries);

    /** Webhooks neither delivered nor abandoned, oldest first. */
    List<WebhookEvent> undelivered();

    /** Marks these webhooks delivered, in one transaction. */
    void delivered(List<String> eventIds);

    /** Given up after every attempt failed. */
    void abandoned(String eventId);

    @Override
    void close();
}
