package org.marquee.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ledger in memory, for the processor's unit tests. */
final class MemoryLedger implements Ledger {

    final Map<String, Answer> answers = new LinkedHashMap<>();
    final Map<String, Charge> charges = new LinkedHashMap<>();
    final Map<String, WebhookEvent> owed = new LinkedHashMap<>();

    @Override
    public synchronized Answer answer(String idempotencyKey) {
        return answers.get(idempotencyKey);
    }

    @Override
    public synchronized Charge charge(String reference) {
        return charges.get(reference);
    }

    @Override
    public synchronized Charge chargeByAuthorisationKey(String authorisationKey) {
        return charges.values().stream().filter(c -> c.authorisationKey().equals(authorisationKey)).findFirst().orElse(null);
    }

    @Override
    public synchronized List<Charge> charges() {
        return new ArrayList<>(charges.values());
    }

    @Override
    public synchronized void record(String key, Answer answer, Charge charge, boolean created, List<WebhookEvent> events) {
        if (charge != null) {
            charges.put(charge.reference(), charge);
        }
        if (answer.kept()) {
            answers.put(key, answer);
        }
        events.forEach(e -> owed.put(e.id(), e));
    }

    @Override
    public synchronized List<WebhookEvent> undelivered() {
        return new ArrayList<>(owed.values());
    }

    @Override
    public synchronized void delivered(List<String> eventIds) {
        eventIds.forEach(owed::remove);
    }

    @Override
    public synchronized void abandoned(String eventId) {
        owed.remove(eventId);
    }

    @Override
    public void close() {
    }
}
