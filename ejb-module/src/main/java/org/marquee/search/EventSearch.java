package org.marquee.search;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.predicate.SearchPredicate;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.marquee.catalog.Category;
import org.marquee.catalog.EventStatus;
import org.marquee.catalog.EventSummary;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;

/**
 * Full-text event discovery over this node's index. Words are matched in the name, performers, venue,
 * city and description (boosted in that order), each exactly (stemmed, case and accents folded) or with
 * one typo, exact matches scoring above typo matches; results are ranked by relevance, or soonest first
 * without words. Every field a hit shows is projected from the index, and availability for the whole
 * page comes from one query of the seat counters: a page costs one index query and one SQL query.
 */
@Stateless
public class EventSearch {

    /** Relevance weights of the searched fields. */
    private static final float NAME = 4f;
    private static final float PERFORMERS = 2.5f;
    private static final float VENUE = 1.5f;
    private static final float CITY = 1.5f;
    private static final float DESCRIPTION = 1f;
    /** An exact (non-typo) match of a word counts this much more than a fuzzy one. */
    private static final float EXACT = 3f;
    /** Words this short must match exactly: one typo in three letters is another word. */
    private static final int FUZZY_MIN_LENGTH = 4;
    /** Letters at the start of a word that a typo-tolerant match keeps exact. */
    private static final int FUZZY_EXACT_PREFIX = 1;
    static final int FACET_TERMS = 20;

    private static final AggregationKey<Map<String, Long>> CATEGORIES = AggregationKey.of("category");
    private static final AggregationKey<Map<String, Long>> CITIES = AggregationKey.of("city");

    @EJB
    private SearchIndex index;

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    public SearchPage search(SearchQuery query) {
        SearchMapping mapping = index.mapping();
        if (mapping == null || index.state() == SearchIndex.State.STOPPED) {
            throw new MarqueeException(ProblemCode.UNAVAILABLE, "The search index is not available on this node");
        }
        List<String> terms = SearchTerms.of(query.q());
        if (query.q() != null && !query.q().isBlank() && terms.isEmpty()) {
            // only punctuation, symbols or emoji: no word to look for, so nothing matches
            return new SearchPage(0, query.page(), query.size(), List.of(), Map.of("category", Map.of(), "city", Map.of()));
        }
        Instant now = Instant.now();
        SearchResult<List<?>> result;
        try (SearchSession session = mapping.createSession()) {
            // the page: only as many hits counted as it takes to find it (Lucene may skip the rest)
            result = session.search(EventDocument.class)
                    .select(f -> f.composite().from(
                            f.id(UUID.class), f.field("name", String.class), f.field("category", String.class),
                            f.field("startAt", Instant.class), f.field("endAt", Instant.class),
                            f.field("saleStartAt", Instant.class), f.field("saleEndAt", Instant.class),
                            f.field("cancelled", Boolean.class), f.field("venueName", String.class),
                            f.field("city", String.class), f.field("country", String.class),
                            f.field("minPrice", BigDecimal.class), f.field("currency", String.class)).asList())
                    .where(f -> predicate(f, query, terms, now))
                    .sort(f -> terms.isEmpty()
                            ? f.field("startAt").asc().then().field("idKey").asc()
                            : f.score().then().field("startAt").asc().then().field("idKey").asc())
                    .totalHitCountThreshold((long) (query.page() + 1) * query.size())
                    .fetch(query.page() * query.size(), query.size());
            // the exact total and the facets: the same for every page, so shared by them (SummaryCache)
            SummaryCache.Summary summary = result.total().isHitCountExact() && query.page() == 0 && result.hits().size() < query.size()
                    ? summarize(session, query, terms, now, result.total().hitCount())
                    : index.summaries().get(key(query, terms), index.version(), () -> summarize(session, query, terms, now, -1));
            return page(query, result.hits(), summary, now);
        }
    }

    /** Exact total and facet counts of the query (no hits fetched). */
    private static SummaryCache.Summary summarize(SearchSession session, SearchQuery query, List<String> terms, Instant now, long knownTotal) {
        SearchResult<?> counted = session.search(EventDocument.class)
                .select(f -> f.id())
                .where(f -> predicate(f, query, terms, now))
                .aggregation(CATEGORIES, f -> f.terms().field("category", String.class).maxTermCount(FACET_TERMS))
                .aggregation(CITIES, f -> f.terms().field("cityFacet", String.class).maxTermCount(FACET_TERMS))
                .fetch(0);
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        facets.put("category", byCount(counted.aggregation(CATEGORIES)));
        facets.put("city", byCount(counted.aggregation(CITIES)));
        return new SummaryCache.Summary(knownTotal >= 0 ? knownTotal : counted.total().hitCount(), facets);
    }

    /** What makes two queries count the same (page and size do not). */
    private static String key(SearchQuery q, List<String> terms) {
        return String.join("\0", String.join(" ", terms), String.valueOf(q.from()), String.valueOf(q.to()),
                q.city() == null ? "" : q.city().strip().toLowerCase(java.util.Locale.ROOT), String.valueOf(q.category()),
                String.valueOf(q.includePast()), String.valueOf(q.includeCancelled()));
    }

    private SearchPage page(SearchQuery query, List<List<?>> hits, SummaryCache.Summary summary, Instant now) {
        Map<UUID, Integer> available = availability(hits.stream().map(h -> (UUID) h.get(0)).toList());
        List<EventSummary> items = new ArrayList<>(hits.size());
        for (List<?> h : hits) {
            UUID id = (UUID) h.get(0);
            int left = available.getOrDefault(id, 0);
            Instant startAt = (Instant) h.get(3);
            EventStatus status = EventStatus.of(Boolean.TRUE.equals(h.get(7)), startAt, (Instant) h.get(4), (Instant) h.get(5),
                    (Instant) h.get(6), now, left > 0);
            BigDecimal minPrice = (BigDecimal) h.get(11);
            items.add(new EventSummary(id, (String) h.get(1), Category.valueOf((String) h.get(2)), status, startAt,
                    h.get(8) == null ? null : new EventSummary.Place((String) h.get(8), (String) h.get(9), (String) h.get(10)),
                    minPrice == null ? null : minPrice.setScale(2).toPlainString(), (String) h.get(12), left));
        }
        return new SearchPage(summary.total(), query.page(), query.size(), items, summary.facets());
    }

    private static PredicateFinalStep predicate(SearchPredicateFactory f, SearchQuery query, List<String> terms, Instant now) {
        BooleanPredicateClausesStep<?, ?> where = f.bool();
        if (terms.isEmpty()) {
            where.must(f.matchAll());
        } else {
            BooleanPredicateClausesStep<?, ?> words = f.bool();
            for (String term : terms) {
                words.should(word(f, term));
            }
            // every word of a short query, three in four of a longer one
            int required = terms.size() <= 2 ? terms.size() : (int) Math.ceil(terms.size() * 0.75);
            words.minimumShouldMatchNumber(required);
            where.must(words);
        }
        if (!query.includeCancelled()) {
            where.filter(f.match().field("cancelled").matching(false));
        }
        if (!query.includePast()) {
            where.filter(f.range().field("endsAt").greaterThan(now));
        }
        if (query.from() != null) {
            where.filter(f.range().field("startAt").atLeast(query.from()));
        }
        if (query.to() != null) {
            where.filter(f.range().field("startAt").atMost(query.to()));
        }
        if (query.city() != null && !query.city().isBlank()) {
            where.filter(f.match().field("cityKey").matching(query.city().strip()));
        }
        if (query.category() != null) {
            where.filter(f.match().field("category").matching(query.category().name()));
        }
        return where;
    }

    /**
     * One word: exactly (after analysis), or, for longer words, with one typo at a lower score. The typo
     * may not be the first letter, and the description is matched exactly only: a fuzzy match enumerates
     * the field's dictionary (from the first letter on, with the prefix fixed), and the descriptions hold
     * most of the index's distinct words, so both bounds cut what a typo-tolerant query costs the most.
     */
    private static SearchPredicate word(SearchPredicateFactory f, String term) {
        SearchPredicate exact = f.match()
                .field("name").boost(NAME).field("performers").boost(PERFORMERS).field("venueName").boost(VENUE)
                .field("city").boost(CITY).field("description").boost(DESCRIPTION)
                .matching(term).boost(EXACT).toPredicate();
        if (term.codePointCount(0, term.length()) < FUZZY_MIN_LENGTH) {
            return exact;
        }
        SearchPredicate fuzzy = f.match()
                .field("name").boost(NAME).field("performers").boost(PERFORMERS).field("venueName").boost(VENUE)
                .field("city").boost(CITY)
                .matching(term).fuzzy(1, FUZZY_EXACT_PREFIX).toPredicate();
        return f.or(exact, fuzzy).toPredicate();
    }

    /** Seats available per event, summed over the sharded counters: one query for the page. */
    private Map<UUID, Integer> availability(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select cast(t.event_id as text), sum(c.available)
                  from seat_type t join seat_counter c on c.seat_type_id = t.id
                 where t.event_id = any(cast(?1 as uuid[]))
                 group by t.event_id""")
                .setParameter(1, ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")))
                .getResultList();
        Map<UUID, Integer> available = new HashMap<>();
        for (Object[] r : rows) {
            available.put(UUID.fromString((String) r[0]), ((Number) r[1]).intValue());
        }
        return available;
    }

    private static Map<String, Long> byCount(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
