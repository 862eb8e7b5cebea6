package org.marquee.outbox;

/**
 * A place in the outbox as readers go through it: in (tx_id, id) order. A reader at this position has
 * seen every entry up to and including it; {@code (txId, 0)} is "before every entry of transaction txId".
 */
public record OutboxPosition(long txId, long id) {

    /** The position of entry {@code id} of transaction {@code txId}: a reader there reads what comes after it. */
    public static OutboxPosition at(long txId, long id) {
        return new OutboxPosition(txId, id);
    }

    public boolean isAfter(OutboxPosition other) {
        return txId > other.txId || (txId == other.txId && id > other.id);
    }

    @Override
    public String toString() {
        return "(" + txId + ", " + id + ")";
    }
}
