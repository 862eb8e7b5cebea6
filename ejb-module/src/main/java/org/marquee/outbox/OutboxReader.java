package org.marquee.outbox;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
        List<Object[]> rows = em.createNativeQuery("""
                select id, aggregate_type, cast(aggregate_id as text), event_type, cast(cast(tx_id as text) as bigint)
                  from outbox
                 where (tx_id, id) > (cast(cast(?1 as text) as xid8), ?2)
                   and tx_id < pg_snapshot_xmin(pg_current_snapshot())
                 order by tx_id, id
                 limit ?3""")
                .setParameter(1, position.txId()).setParameter(2, position.id()).setParameter(3, limit)
                .getResultList();
        List<Entry> entries = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            entries.add(new Entry(OutboxPosition.at(((Number) r[4]).longValue(), id),
                    new OutboxChange(id, (String) r[1], UUID.fromString((String) r[2]), (String) r[3])));
        }
        return entries;
    }

    /**
     * Committed entries after {@code position} (counted up to {@code cap}, so the answer stays cheap
     * however far behind it is), including those still held back by a running transaction: for a
     * consumer they are all changes it does not show yet.
     */
    public Backlog backlog(OutboxPosition position, int cap) {
        Object[] r = (Object[]) em.createNativeQuery("""
                select count(*), min(created_at) from (
                    select created_at from outbox
                     where (tx_id, id) > (cast(cast(?1 as text) as xid8), ?2)
                     order by tx_id, id
                     limit ?3) pending""")
                .setParameter(1, position.txId()).setParameter(2, position.id()).setParameter(3, cap + 1)
                .getSingleResult();
        long count = ((Number) r[0]).longValue();
        Instant oldest = r[1] == null ? null : instant(r[1]);
        return new Backlog(Math.min(count, cap), count > cap,
                oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now()).abs());
    }

    private static Instant instant(Object column) {
        if (column instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (column instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return Instant.parse(column.toString());
    }
}
