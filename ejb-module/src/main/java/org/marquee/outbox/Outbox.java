package org.marquee.outbox;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import org.marquee.domain.outbox.OutboxEntry;

/**
 * Writes outbox entries. MANDATORY: an entry is only ever written inside the transaction of the
 * change it describes, so it exists if and only if the change committed. The entry is also announced on
 * this node as an {@link OutboxChange} to observers that ask for it after the commit
 * ({@code TransactionPhase.AFTER_SUCCESS}), so the node that made a change acts on it at once; every node
 * (this one again) gets it from the {@link OutboxRelay} within about a second.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Outbox {

    public static final String EVENT = "event";

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @Inject
    private Event<OutboxChange> changes;

    public void record(String aggregateType, UUID aggregateId, String eventType, String payloadJson) {
        OutboxEntry entry = new OutboxEntry(aggregateType, aggregateId, eventType, payloadJson == null ? "{}" : payloadJson);
        em.persist(entry);
        em.flush();
        changes.fire(new OutboxChange(entry.getId(), aggregateType, aggregateId, eventType));
    }
}
