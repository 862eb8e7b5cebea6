package org.marquee.outbox;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers outbox entries to this node's consumers, every node on its own, every second, in the
 * commit-safe order of {@link OutboxReader}:
 * <ul>
 * <li>CDI observers of {@link OutboxChange} (cache invalidation). Their position lives in memory: what
 *     listens there starts empty on every start, so they start at the present.</li>
 * <li>Registered {@link OutboxConsumer}s with positions of their own, usually durable (the search index
 *     of this node), each read from where it stands: after a restart they catch up.</li>
 * </ul>
 * No transaction around a tick: each read and each consumer's batch is its own short transaction.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    static final int BATCH = 1000;

    @EJB
    private OutboxReader reader;

    @Inject
    private Event<OutboxChange> changes;

    private final AtomicBoolean running = new AtomicBoolean();
    private final List<OutboxConsumer> consumers = new CopyOnWriteArrayList<>();
    private volatile OutboxPosition observersAt;

    @PostConstruct
    void startAtThePresent() {
        observersAt = reader.horizon();
    }

    /** From the next tick on, the consumer gets every entry after its position. */
    public void register(OutboxConsumer consumer) {
        if (!consumers.contains(consumer)) {
            consumers.add(consumer);
            LOG.info(() -> "Outbox consumer " + consumer.name() + " registered at " + consumer.position());
        }
    }

    public void unregister(OutboxConsumer consumer) {
        consumers.remove(consumer);
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "outbox relay")
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            deliverToObservers();
            for (OutboxConsumer consumer : consumers) {
                deliverTo(consumer);
            }
        } finally {
            running.set(false);
        }
    }

    private void deliverToObservers() {
        try {
            List<OutboxReader.Entry> batch;
            do {
                batch = reader.readAfter(observersAt, BATCH);
                for (OutboxReader.Entry e : batch) {
                    try {
                        changes.fire(e.change());
                    } catch (RuntimeException ex) {
                        LOG.log(Level.WARNING, "Listener failed on outbox entry " + e.change().id(), ex);
                    }
                    observersAt = e.position();
                }
            } while (batch.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox relay could not deliver; will retry", e);
        }
    }

    private void deliverTo(OutboxConsumer consumer) {
        try {
            List<OutboxReader.Entry> batch;
            do {
                batch = reader.readAfter(consumer.position(), BATCH);
                if (!batch.isEmpty()) {
                    consumer.accept(batch.stream().map(OutboxReader.Entry::change).toList(), batch.get(batch.size() - 1).position());
                }
            } while (batch.size() == BATCH && consumers.contains(consumer));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox consumer " + consumer.name() + " failed at " + consumer.position() + "; will retry", e);
        }
    }
}
