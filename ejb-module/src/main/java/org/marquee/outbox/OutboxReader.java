package org.marquee.outbox;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.marquee.persistence.RowReader;

/**
 * The one place the outbox is read. Every consumer, in-memory (cache invalidation) or durable (the
 * search index of each node), goes through it, so the commit-safe order lives in one query.
 *
 * <p>Entries are read in (tx_id, id) order, and only those of transactions older than the oldest
 * transaction still running ({@code pg_snapshot_xmin}): every transaction below that horizon has
 * finished, so no entry can later appear behind a position already read. A long-running transaction
 * anywhere in the PostgreSQL cluster therefore delays delivery, never loses it.
 *
 * <p>Each call runs in its own transaction when the caller has none (the relay calls without one).
 */
@Stateless
public class OutboxReader {

    /** One outbox entry and its place in the read order. */
    public record Entry(OutboxPosition position, OutboxChange change) {
        static final String QUERY = """
                select id, aggregate_type, cast(aggregate_id as text), event_type, cast(cast(tx_id as text) as bigint)
                  from outbox
                 where (tx_id, id) > (cast(cast(?1 as text) as xid8), ?2)
                   and tx_id < pg_snapshot_xmin(pg_current_snapshot())
                 order by tx_id, id
                 limit ?3""";

        static Entry from(Object columns) {
            RowReader r = RowReader.of(columns);
            OutboxChange change = new OutboxChange(r.longInteger(), r.text(), r.uuid(), r.text());
            return new Entry(OutboxPosition.at(r.longInteger(), change.id()), change);
        }
    }

    /** How far a position is behind the outbox: entries not yet read (up to a cap) and the age of the oldest. */
    public record Backlog(long entries, boolean capped, Duration oldest) {
    }

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    /** The present: a position before every entry whose transaction has not finished yet. */
    public OutboxPosition horizon() {
        long xmin = ((Number) em.createNativeQuery(
                "select cast(cast(pg_snapshot_xmin(pg_current_snapshot()) as text) as bigint)").getSingleResult()).longValue();
        return OutboxPosition.at(xmin, 0);
    }

    /** Up to {@code limit} committed entries after {@code position}, in commit-safe order. */
    public List<Entry> readAfter(OutboxPosition position, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(Entry.QUERY)
                .setParameter(1, position.txId()).setParameter(2, position.id()).setParameter(3, limit)
                .getResultList();
        return rows.stream().map(Entry::from).toList();
    }

    /**
     * Committed entries after {@code position} (counted up to {@code cap}, so the answer stays cheap
     * however far behind it is), including those still held back by a running transaction: for a
     * consumer they are all changes it does not show yet.
     */
    public Backlog backlog(OutboxPosition position, int cap) {
        RowReader r = RowReader.of(em.createNativeQuery("""
                select count(*), min(created_at) from (
                    select created_at from outbox
                     where (tx_id, id) > (cast(cast(?1 as text) as xid8), ?2)
                     order by tx_id, id
                     limit ?3) pending""")
                .setParameter(1, position.txId()).setParameter(2, position.id()).setParameter(3, cap + 1)
                .getSingleResult());
        long count = r.longInteger();
        Instant oldest = r.instantOrNull();
        return new Backlog(Math.min(count, cap), count > cap,
                oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now()).abs());
    }
}
