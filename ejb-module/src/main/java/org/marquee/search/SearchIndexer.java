package org.marquee.search;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.mapper.pojo.standalone.work.SearchIndexingPlan;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.marquee.outbox.Outbox;
import org.marquee.outbox.OutboxChange;
import org.marquee.outbox.OutboxPosition;
import org.marquee.persistence.RowReader;

/**
 * Writes the node's search index from PostgreSQL: documents are built by set-based SQL (one query per
 * batch, never one per event), and each outbox batch is applied together with the node's durable
 * offset in one transaction. Applying is idempotent: an entry only says which event changed, and the
 * document is built from the event's committed state, so a replayed entry writes the same document.
 */
@Stateless
public class SearchIndexer {

    public static final String CONSUMER = "search";

    /** The node's recorded position in the outbox and the generation of the index it belongs to. */
    public record StoredOffset(OutboxPosition position, UUID generation) {
        static final String QUERY = """
                select cast(cast(position_tx as text) as bigint), position_id, cast(generation as text)
                  from outbox_consumer_offset where consumer = ?1 and node = ?2""";

        static StoredOffset from(Object columns) {
            RowReader r = RowReader.of(columns);
            return new StoredOffset(OutboxPosition.at(r.longInteger(), r.longInteger()), r.uuid());
        }
    }

    /** Separates performer names in one column; names cannot contain control characters. */
    private static final String SEPARATOR = "\u001f";

    /** The start of the query of {@link EventDocument}s, read by {@link #document(Object)}; the caller adds the where clause. */
    private static final String DOCUMENT_COLUMNS = """
            select cast(e.id as text), e.name, e.description, e.category, e.start_at, e.end_at, e.sale_start_at,
                   e.sale_end_at, e.cancelled_at is not null, v.name, v.city, v.country,
                   (select string_agg(p.name, chr(31) order by ep.position)
                      from event_performer ep join performer p on p.id = ep.performer_id
                     where ep.event_id = e.id),
                   (select min(t.price) from seat_type t where t.event_id = e.id),
                   (select min(t.currency) from seat_type t where t.event_id = e.id)
              from event e left join venue v on v.id = e.venue_id
            """;

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    public StoredOffset offset(String node) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(StoredOffset.QUERY).setParameter(1, CONSUMER).setParameter(2, node).getResultList();
        return rows.isEmpty() ? null : StoredOffset.from(rows.get(0));
    }

    public void saveOffset(String node, OutboxPosition position, UUID generation) {
        em.createNativeQuery("""
                insert into outbox_consumer_offset (consumer, node, position_tx, position_id, generation, updated_at)
                values (?1, ?2, cast(cast(?3 as text) as xid8), ?4, cast(?5 as uuid), now())
                on conflict (consumer, node) do update
                   set position_tx = excluded.position_tx, position_id = excluded.position_id,
                       generation = excluded.generation, updated_at = now()""")
                .setParameter(1, CONSUMER).setParameter(2, node).setParameter(3, position.txId())
                .setParameter(4, position.id()).setParameter(5, generation.toString()).executeUpdate();
    }

    public long countEvents() {
        return ((Number) em.createNativeQuery("select count(*) from event").getSingleResult()).longValue();
    }

    /** Up to {@code limit} documents of the events after {@code after} in id order (a rebuild's batches). */
    public List<EventDocument> batchAfter(UUID after, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(DOCUMENT_COLUMNS + """
                 where e.id > cast(?1 as uuid)
                 order by e.id
                 limit ?2""")
                .setParameter(1, after == null ? "00000000-0000-0000-0000-000000000000" : after.toString())
                .setParameter(2, limit).getResultList();
        return rows.stream().map(SearchIndexer::document).toList();
    }

    /** The documents of these events, in one query; events that no longer exist are absent. */
    public List<EventDocument> documents(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(DOCUMENT_COLUMNS + " where e.id = any(cast(?1 as uuid[]))")
                .setParameter(1, ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")))
                .getResultList();
        return rows.stream().map(SearchIndexer::document).toList();
    }

    /**
     * Applies a batch of outbox entries to the index and records {@code upTo} as the node's offset, in
     * this transaction. The index is written (and committed) when the search session closes, before the
     * offset commits: if the offset cannot be saved, the batch is applied again, to the same effect.
     */
    public int apply(SearchMapping mapping, List<OutboxChange> changes, OutboxPosition upTo, String node, UUID generation) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (OutboxChange c : changes) {
            if (Outbox.EVENT.equals(c.aggregateType())) {
                ids.add(c.aggregateId());
            }
        }
        if (!ids.isEmpty()) {
            Map<UUID, EventDocument> found = documents(ids).stream().collect(Collectors.toMap(EventDocument::getId, Function.identity()));
            try (SearchSession session = mapping.createSessionWithOptions()
                    .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.writeSync()).build()) {
                SearchIndexingPlan plan = session.indexingPlan();
                for (UUID id : ids) {
                    EventDocument doc = found.get(id);
                    if (doc != null) {
                        plan.addOrUpdate(doc);
                    } else {
                        plan.purge(EventDocument.class, id, null);
                    }
                }
            }
        }
        saveOffset(node, upTo, generation);
        return ids.size();
    }

    /**
     * Hands documents to the index's writer threads (a rebuild batch) and returns at once: the returned stage
     * completes when they are written, not committed (the rebuild commits once, at its end), so the caller
     * reads the next batch from PostgreSQL meanwhile. The writer's queues are bounded: when they are full,
     * this waits.
     */
    public CompletableFuture<Void> submit(SearchMapping mapping, List<EventDocument> docs) {
        try (SearchSession session = mapping.createSessionWithOptions()
                .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.async()).build()) {
            var indexer = session.indexer();
            CompletableFuture<?>[] written = new CompletableFuture<?>[docs.size()];
            for (int i = 0; i < written.length; i++) {
                written[i] = indexer.add(docs.get(i)).toCompletableFuture();
            }
            return CompletableFuture.allOf(written);
        }
    }

    private static EventDocument document(Object columns) {
        RowReader r = RowReader.of(columns);
        UUID id = r.uuid();
        String name = r.text();
        String description = r.text();
        String category = r.text();
        Instant startAt = r.instant();
        Instant endAt = r.instantOrNull();
        Instant saleStartAt = r.instant();
        Instant saleEndAt = r.instant();
        boolean cancelled = r.bool();
        String venueName = r.text();
        String city = r.text();
        String country = r.strippedText();
        String performers = r.text();
        BigDecimal minPrice = r.decimalOrNull();
        return new EventDocument(id, name, description, category, startAt, endAt, saleStartAt, saleEndAt, cancelled, venueName, city, country,
                performers == null ? List.of() : new ArrayList<>(Arrays.asList(performers.split(SEPARATOR))),
                minPrice == null ? null : minPrice.setScale(2), r.strippedText());
    }
}
