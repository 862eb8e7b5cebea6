package org.marquee.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

    /** The charge as the ledger holds it now (for the tests' assertions). */
    synchronized Charge charge(String reference) {
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
    public synchronized Priors priors(Collection<String> keys, Collection<String> references) {
        Map<String, Answer> first = new HashMap<>();
        keys.stream().filter(answers::containsKey).forEach(k -> first.put(k, answers.get(k)));
        Map<String, Charge> named = new HashMap<>();
        references.stream().filter(charges::containsKey).forEach(r -> named.put(r, charges.get(r)));
        return new Priors(first, named);
    }

    @Override
    public synchronized Answer recordFirst(Entry entry) {
        Answer first = answers.get(entry.idempotencyKey());
        if (first != null) {
            return first;
        }
        recordAll(List.of(entry));
        return null;
    }

    @Override
    public synchronized void recordAll(List<Entry> entries) {
        for (Entry entry : entries) {
            if (entry.charge() != null) {
                charges.put(entry.charge().reference(), entry.charge());
            }
            if (entry.answer().kept()) {
                answers.put(entry.idempotencyKey(), entry.answer());
            }
            entry.events().forEach(e -> owed.put(e.id(), e));
        }
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
