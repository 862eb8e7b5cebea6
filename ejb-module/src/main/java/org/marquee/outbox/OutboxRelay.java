package org.marquee.outbox;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers outbox entries to this node's listeners (cache invalidation, and later the search index),
 * every node on its own, every second.
 *
 * <p>Entries are read in (tx_id, id) order, and only those of transactions older than the oldest
 * transaction still running ({@code pg_snapshot_xmin}): every transaction below that horizon has
 * finished, so no entry can later appear behind the position already read. A long-running
 * transaction anywhere in the cluster therefore delays delivery, never loses it.
 *
 * <p>The position lives in memory: what listens here (caches) starts empty on every start, so the
 * relay starts at the present.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    private static final int BATCH = 1000;

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @Inject
    private Event<OutboxChange> changes;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long positionTx;
    private volatile long positionId;

    @PostConstruct
    void startAtThePresent() {
        positionTx = ((Number) em.createNativeQuery(
                "select cast(cast(pg_snapshot_xmin(pg_current_snapshot()) as text) as bigint)").getSingleResult()).longValue();
        positionId = 0;
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "outbox relay")
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            int delivered;
            do {
                delivered = deliverBatch();
            } while (delivered == BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox relay could not deliver; will retry", e);
        } finally {
            running.set(false);
        }
    }

    private int deliverBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, aggregate_type, cast(aggregate_id as text), event_type, cast(cast(tx_id as text) as bigint)
                  from outbox
                 where (tx_id, id) > (cast(cast(?1 as text) as xid8), ?2)
                   and tx_id < pg_snapshot_xmin(pg_current_snapshot())
                 order by tx_id, id
                 limit ?3""")
                .setParameter(1, positionTx).setParameter(2, positionId).setParameter(3, BATCH)
                .getResultList();
        for (Object[] r : rows) {
            OutboxChange change = new OutboxChange(((Number) r[0]).longValue(), (String) r[1], UUID.fromString((String) r[2]), (String) r[3]);
            try {
                changes.fire(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Listener failed on outbox entry " + change.id(), e);
            }
            positionTx = ((Number) r[4]).longValue();
            positionId = change.id();
        }
        return rows.size();
    }
}
