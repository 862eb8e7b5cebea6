package org.marquee.outbox;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;

/**
 * Writes outbox entries. MANDATORY: an entry is only ever written inside the transaction of the
 * change it describes, so it exists if and only if the change committed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Outbox {

    public static final String EVENT = "event";

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    public void record(String aggregateType, UUID aggregateId, String eventType, String payloadJson) {
        em.persist(new OutboxEntry(aggregateType, aggregateId, eventType, payloadJson == null ? "{}" : payloadJson));
    }
}
