package org.marquee.idempotency;

import jakarta.ejb.ApplicationException;
import org.marquee.domain.idempotency.IdempotencyRecord;

/**
 * Thrown when a request turns out to repeat one already answered (a concurrent duplicate lost the race
 * on the record): the caller replays the recorded answer instead.
 */
@ApplicationException(rollback = true)
public class IdempotentReplay extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient IdempotencyRecord record;

    public IdempotentReplay(IdempotencyRecord record) {
        super("replay of an answered request", null, false, false);
        this.record = record;
    }

    public IdempotencyRecord record() {
        return record;
    }
}
