package org.marquee.outbox;

import java.util.List;

/**
 * A consumer of the outbox with its own position, typically kept durably (e.g. the search index of a
 * node in {@code outbox_consumer_offset}). It registers with {@link OutboxRelay}, which hands it the
 * entries after its position in commit-safe order, batch after batch, never two batches at once.
 *
 * <p>Delivery is at least once: a consumer that fails (or stops) before it has recorded its new
 * position gets the same entries again, so applying an entry must be idempotent.
 */
public interface OutboxConsumer {

    /** For logs. */
    String name();

    /** Where it stands: the next batch starts after this position. */
    OutboxPosition position();

    /**
     * Applies the batch and records {@code upTo} (the position of its last entry) as the new position.
     * Throwing leaves the position where it was; the relay retries on its next tick.
     */
    void accept(List<OutboxChange> changes, OutboxPosition upTo);
}
