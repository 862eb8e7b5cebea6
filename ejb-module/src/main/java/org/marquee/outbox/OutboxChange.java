package org.marquee.outbox;

import java.util.UUID;

/** An outbox entry as delivered to the node's listeners (CDI observers of this type). */
public record OutboxChange(long id, String aggregateType, UUID aggregateId, String eventType) {
}
