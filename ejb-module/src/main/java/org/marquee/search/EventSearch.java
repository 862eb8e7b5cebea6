package org.marquee.search;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.predicate.SearchPredicate;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.marquee.catalog.Availability;
import org.marquee.domain.catalog.Category;
import org.marquee.domain.catalog.EventStatus;
import org.marquee.catalog.EventSummary;
import org.marquee.catalog.EventViews;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;

/**
 * Full-text event discovery over this node's index. Words are matched in the name, performers, venue, city
 * and description (weighted in that order, as {@link EventDocument#getText()} repeats them), each exactly
 * (stemmed, case and accents folded) or with one typo, exact matches scoring above typo matches; results
 * are ranked by relevance, or soonest first without words. Every field a hit shows is projected from the
 * index, and availability for the whole page comes from the event page's one-second cache of the seat
 * counters, the uncached events of the page read in one query: a page costs one index query and at most one
 * SQL query.
 */
@Stateless
public class EventSearch {

    /** An exact (non-typo) match of a word counts this much more than a fuzzy one. */
    private static final float EXACT = 3f;
    /** Words this short must match exactly: one typo in three letters is another word. */
    private static final int FUZZY_MIN_LENGTH = 4;
    /** Letters at the start of a word that a typo-tolerant match keeps exact. */
    private static final int FUZZY_EXACT_PREFIX = 1;
    static final int FACET_TERMS = 20;
    /**
     * Typo-tolerant matches are looked for only when the words as typed find fewer events than this: a
     * fuzzy match costs several times an exact one, and when the words find plenty the typo variants
     * would rank below them anyway.
     */
    static final int TYPOS_BELOW = 20;
    /**
     * Up to this many matches, a query's total and facets are exact. Counting visits every match, so a
     * broader query is counted over a sample of the index instead (see {@link SearchSample}), and its
     * answer says so ({@code exactCounts: false}).
     */
    static final int EXACT_COUNTS = 5_000;
    /** An estimate above this is taken as broad without counting the matches up to {@link #EXACT_COUNTS}. */
    static final int FAR_ABOVE_EXACT_COUNTS = 2 * EXACT_COUNTS;
    /**
     * The sample every query is first counted over holds about this many indexed events (1 % of a million):
     * enough to tell a query of 5,000 matches from a narrow one, and small, because counting it visits
     * the sample's events that pass the query's cheapest clause...
     */
    static final int SAMPLE_EVENTS = 10_000;
    /** ...and is widened (once or twice) when fewer of the query's matches than this fall in it. */
    static final int SAMPLE_MATCHES = 1_000;

    private static final AggregationKey<Map<String, Long>> CATEGORIES = AggregationKey.of("category");
    private static final AggregationKey<Map<String, Long>> CITIES = AggregationKey.of("city");

    @EJB
    private SearchIndex index;

    @Inject
    private EventViews views;

    public SearchPage search(SearchQuery query) {
        SearchMapping mapping = index.mapping();
        if (mapping == null || index.state() == SearchIndex.State.STOPPED) {
            throw new MarqueeException(ProblemCode.UNAVAILABLE, "The search index is not available on this node");
        }
        List<String> terms = SearchTerms.of(query.q());
        if (query.q() != null && !query.q().isBlank() && terms.isEmpty()) {
            // only punctuation, symbols or emoji: no word to look for, so nothing matches
            return new SearchPage(0, query.page(), query.size(), List.of(), Map.of("category", Map.of(), "city", Map.of()), true);
        }
        Instant now = Instant.now();
        // "not over yet" is judged at the start of the current minute: the filters of every query of that
        // minute are then the same, so Lucene caches them per segment (and an answer, cached for at most a
        // minute, may list an event up to two minutes after it ended, with its status ENDED)
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        String key = key(query, terms);
        long version = index.version();
        int from = query.page() * query.size();
        int to = from + query.size();
        // each page on its own: a hit's stored fields cost about 70 us to load at 1M events (a window of 200
        // hits about 14 ms), more than ranking the matches again for the few readers who page on
        Answer answer = index.answers().get("hits\0" + from + "\0" + to + "\0" + key, version,
                () -> answer(mapping, query, terms, minute, key, version, from, to));
        List<Hit> hits = answer.hits();
        return page(query, hits, answer.summary(), now);
    }

    /**
     * Hits {@code start} to {@code end} of a query and its summary, one index pass when the summary is not known
     * yet (counting visits every match anyway, so the hits come with it). The words as typed are tried
     * first; typo-tolerant matching is used only when they find fewer than {@link #TYPOS_BELOW} events.
     */
    private Answer answer(SearchMapping mapping, SearchQuery query, List<String> terms, Instant minute, String key, long version,
                          int start, int end) {
        SearchCache cache = index.answers();
        boolean typoTolerant = terms.stream().anyMatch(EventSearch::typoTolerant);
        Summary exactCounts = cache.peek(summaryKey(false, key), version);
        try (SearchSession session = mapping.createSession()) {
            // the words as typed, unless their counts are known to be too few already
            if (exactCounts == null || exactCounts.total() >= TYPOS_BELOW || !typoTolerant) {
                Answer exact = counted(session, cache, query, terms, minute, false, key, version, start, end);
                if (exact.summary().total() >= TYPOS_BELOW || !typoTolerant) {
                    return exact;
                }
            }
            return counted(session, cache, query, terms, minute, true, key, version, start, end);
        }
    }

    private static String summaryKey(boolean typos, String key) {
        return "summary\0" + typos + "\0" + key;
    }

    private Answer counted(SearchSession session, SearchCache cache, SearchQuery query, List<String> terms, Instant minute,
                           boolean typos, String key, long version, int start, int end) {
        String summaryKey = summaryKey(typos, key);
        Summary known = cache.peek(summaryKey, version);
        if (known != null) {
            return new Answer(hits(session, query, terms, minute, typos, start, end, end).hits(), known);
        }
        // first the query's counts over a sample of the index (a small part of its matches), to learn how broad it is
        Summary estimate = sampled(session, cache, query, terms, minute, typos, version);
        SearchResult<Hit> result;
        Summary summary;
        if (estimate.exact()) {
            // a small index: the sample was all of it
            result = hits(session, query, terms, minute, typos, start, end, end);
            summary = estimate;
        } else if (estimate.total() <= EXACT_COUNTS) {
            // narrow enough: the hits, the exact total and the facets from one pass over the matches
            result = hits(session, query, terms, minute, typos, start, end, COUNT_ALL);
            summary = new Summary(result.total().hitCount(), facets(result), true);
        } else {
            // broad: the hits, and the estimate as the counts unless the matches turn out to be few after all.
            // Near the bound the matches are counted up to EXACT_COUNTS to tell; far above it (a sample of
            // a thousand matches or more does not miss by half) only the page's hits are needed, and past
            // them Lucene skips the matches that cannot reach the page
            boolean farAbove = estimate.total() > FAR_ABOVE_EXACT_COUNTS;
            result = hits(session, query, terms, minute, typos, start, end, farAbove ? end : Math.max(end, EXACT_COUNTS));
            summary = result.total().isHitCountExact()
                    ? counts(session, query, terms, minute, typos, SearchSample.BUCKETS)
                    : estimate.atLeast(result.total().hitCountLowerBound());
        }
        cache.put(summaryKey, version, summary);
        return new Answer(result.hits(), summary);
    }

    /**
     * The counts of a query over a sample of the index of about {@link #SAMPLE_EVENTS} events, scaled up; when
     * they say the query is broad but too few of its matches fell in the sample to tell how broad, over a
     * wider one. An estimate of {@link #EXACT_COUNTS} or fewer carries no facets: the caller counts such a
     * query exactly.
     */
    private Summary sampled(SearchSession session, SearchCache cache, SearchQuery query, List<String> terms, Instant minute,
                            boolean typos, long version) {
        Indexed indexed = cache.peek("indexed", version);
        if (indexed == null) {
            indexed = new Indexed(session.search(EventDocument.class).where(f -> f.matchAll()).fetchTotalHitCount());
            cache.put("indexed", version, indexed);
        }
        int buckets = index.lucene() ? SearchSample.bucketsFor(SAMPLE_EVENTS, indexed.documents()) : SearchSample.BUCKETS;
        if (buckets == SearchSample.BUCKETS) {
            // a small index: the sample is all of it. A remote backend counts exactly: the sample is a Lucene query
            return counts(session, query, terms, minute, typos, buckets);
        }
        // The first sample is only counted: most queries turn out narrow and are then counted exactly, facets and
        // all, so facets counted over the sample would be thrown away. A broad query is counted again, with its
        // facets, over a sample holding enough of its matches.
        long sampled = session.search(EventDocument.class).where(f -> predicate(f, query, terms, minute, typos, buckets))
                .fetchTotalHitCount();
        long estimate = SearchSample.scale(sampled, buckets);
        if (estimate <= EXACT_COUNTS) {
            return new Summary(estimate, Map.of(), false, sampled);
        }
        int width = buckets;
        Summary counted = null;
        for (int widened = 0; widened < 2 && sampled < SAMPLE_MATCHES && width < SearchSample.BUCKETS; widened++) {
            width = (int) Math.min(SearchSample.BUCKETS, (long) width * (SAMPLE_MATCHES + SAMPLE_MATCHES / 4) / Math.max(1, sampled) + 1);
            counted = counts(session, query, terms, minute, typos, width);
            sampled = counted.sampled();
            if (counted.total() <= EXACT_COUNTS) {
                break;
            }
        }
        return counted != null ? counted : counts(session, query, terms, minute, typos, width);
    }

    /** The total and facets of a query, over {@code buckets} buckets of the sample (all: exact), scaled. */
    private static Summary counts(SearchSession session, SearchQuery query, List<String> terms, Instant minute, boolean typos,
                                  int buckets) {
        SearchResult<UUID> result = session.search(EventDocument.class)
                .select(f -> f.id(UUID.class))
                .where(f -> predicate(f, query, terms, minute, typos, buckets))
                .aggregation(CATEGORIES, f -> f.terms().field("category", String.class).maxTermCount(FACET_TERMS))
                .aggregation(CITIES, f -> f.terms().field("cityFacet", String.class).maxTermCount(FACET_TERMS))
                .fetch(0);
        long sampled = result.total().hitCount();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        facets.put("category", SearchSample.scale(byCount(result.aggregation(CATEGORIES)), buckets));
        facets.put("city", SearchSample.scale(byCount(result.aggregation(CITIES)), buckets));
        boolean exact = buckets == SearchSample.BUCKETS;
        return new Summary(SearchSample.scale(sampled, buckets), facets, exact, sampled);
    }

    private static Map<String, Map<String, Long>> facets(SearchResult<?> counted) {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        facets.put("category", byCount(counted.aggregation(CATEGORIES)));
        facets.put("city", byCount(counted.aggregation(CITIES)));
        return facets;
    }

    /** How many events the index holds, for sizing the counting sample. */
    private record Indexed(long documents) implements SearchCache.Weighted {
        @Override
        public int weight() {
            return 1;
        }
    }

    /**
     * Total and facet counts of a query: exact, or estimated from {@code sampled} matches in a sample of
     * the index.
     */
    record Summary(long total, Map<String, Map<String, Long>> facets, boolean exact, long sampled) implements SearchCache.Weighted {
        Summary(long total, Map<String, Map<String, Long>> facets, boolean exact) {
            this(total, facets, exact, total);
        }

        /** This estimate, with its total raised to a known lower bound. */
        Summary atLeast(long lowerBound) {
            return new Summary(Math.max(total, lowerBound), facets, exact, sampled);
        }

        @Override
        public int weight() {
            return 1 + facets.values().stream().mapToInt(Map::size).sum() / 10;
        }
    }

    /** What the index answers for the first hits of a query: those hits (every field but availability) and the query's summary. */
    private record Answer(List<Hit> hits, Summary summary) implements SearchCache.Weighted {
        Answer {
            hits = List.copyOf(hits);
        }

        @Override
        public int weight() {
            return 1 + hits.size();
        }
    }

    /** One hit as {@link #hits} projects it from the index: every field of its summary but availability. */
    private record Hit(UUID id, String name, Category category, Instant startAt, Instant endAt, Instant saleStartAt, Instant saleEndAt,
                       boolean cancelled, String venueName, String city, String country, BigDecimal minPrice, String currency) {

        /** The projected fields, in the order {@link #hits} lists them. */
        static Hit from(List<?> fields) {
            Iterator<?> next = fields.iterator();
            return new Hit((UUID) next.next(), (String) next.next(), Category.valueOf((String) next.next()), (Instant) next.next(),
                    (Instant) next.next(), (Instant) next.next(), (Instant) next.next(), Boolean.TRUE.equals(next.next()),
                    (String) next.next(), (String) next.next(), (String) next.next(), (BigDecimal) next.next(), (String) next.next());
        }
    }

    /** {@link #hits}: count every match exactly and the facets over them. */
    private static final int COUNT_ALL = -1;

    /**
     * Hits {@code start} to {@code end} (exclusive) in rank order, projected from the index, with the total exact up to
     * {@code countUpTo} matches (past that, Lucene may skip matches that cannot rank), or with {@link #COUNT_ALL} the exact
     * total and the facets.
     */
    private static SearchResult<Hit> hits(SearchSession session, SearchQuery query, List<String> terms, Instant minute, boolean typos,
                                              int start, int end, int countUpTo) {
        var options = session.search(EventDocument.class)
                .select(f -> f.composite().from(
                        f.id(UUID.class), f.field("name", String.class), f.field("category", String.class),
                        f.field("startAt", Instant.class), f.field("endAt", Instant.class),
                        f.field("saleStartAt", Instant.class), f.field("saleEndAt", Instant.class),
                        f.field("cancelled", Boolean.class), f.field("venueName", String.class),
                        f.field("city", String.class), f.field("country", String.class),
                        f.field("minPrice", BigDecimal.class), f.field("currency", String.class)).asList(Hit::from))
                .where(f -> predicate(f, query, terms, minute, typos, SearchSample.BUCKETS))
                .sort(f -> terms.isEmpty()
                        ? f.field("startAt").asc().then().field("idKey").asc()
                        : f.score().then().field("startAt").asc().then().field("idKey").asc());
        options = countUpTo == COUNT_ALL
                ? options.aggregation(CATEGORIES, f -> f.terms().field("category", String.class).maxTermCount(FACET_TERMS))
                        .aggregation(CITIES, f -> f.terms().field("cityFacet", String.class).maxTermCount(FACET_TERMS))
                : options.totalHitCountThreshold(countUpTo);
        return options.fetch(start, end - start);
    }

    /** What makes two queries count the same (page and size do not). */
    private static String key(SearchQuery q, List<String> terms) {
        return String.join("\0", String.join(" ", terms), String.valueOf(q.from()), String.valueOf(q.to()),
                q.city() == null ? "" : q.city().strip().toLowerCase(java.util.Locale.ROOT), String.valueOf(q.category()),
                String.valueOf(q.includePast()), String.valueOf(q.includeCancelled()));
    }

    private SearchPage page(SearchQuery query, List<Hit> hits, Summary summary, Instant now) {
        Map<UUID, Availability> available = views.availabilities(hits.stream().map(Hit::id).toList());
        List<EventSummary> items = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            Availability counts = available.get(h.id());
            int left = counts == null ? 0 : counts.bySeatType().values().stream().mapToInt(c -> c[1]).sum();
            EventStatus status = EventStatus.of(h.cancelled(), h.startAt(), h.endAt(), h.saleStartAt(), h.saleEndAt(), now, left > 0);
            items.add(new EventSummary(h.id(), h.name(), h.category(), status, h.startAt(),
                    h.venueName() == null ? null : new EventSummary.Place(h.venueName(), h.city(), h.country()),
                    h.minPrice() == null ? null : h.minPrice().setScale(2).toPlainString(), h.currency(), left));
        }
        return new SearchPage(summary.total(), query.page(), query.size(), items, summary.facets(), summary.exact());
    }

    /** The query's predicate; with fewer than all {@code buckets}, only the events of that part of the counting sample. */
    private static PredicateFinalStep predicate(SearchPredicateFactory f, SearchQuery query, List<String> terms, Instant now, boolean typos,
                                                int buckets) {
        BooleanPredicateClausesStep<?, ?> where = f.bool();
        if (terms.isEmpty()) {
            where.must(f.matchAll());
        } else {
            BooleanPredicateClausesStep<?, ?> words = f.bool();
            for (String term : terms) {
                words.should(word(f, term, typos));
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
        if (buckets < SearchSample.BUCKETS) {
            where.filter(f.extension(LuceneExtension.get()).fromLuceneQuery(new SampleQuery(buckets)));
        }
        return where;
    }

    /**
     * One word in the event's text ({@link EventDocument#getText()}): exactly (after analysis), or, with {@code typos}
     * and for longer words, also with one typo after its first letter, scoring a third of an exact match. Keeping the
     * first letter bounds what a typo-tolerant match costs: the field's dictionary is enumerated from that letter on.
     */
    private static SearchPredicate word(SearchPredicateFactory f, String term, boolean typos) {
        SearchPredicate exact = f.match().field("text").matching(term).boost(EXACT).toPredicate();
        if (!typos || !typoTolerant(term)) {
            return exact;
        }
        SearchPredicate fuzzy = f.match().field("text").matching(term).fuzzy(1, FUZZY_EXACT_PREFIX).toPredicate();
        return f.or(exact, fuzzy).toPredicate();
    }

    private static boolean typoTolerant(String term) {
        return term.codePointCount(0, term.length()) >= FUZZY_MIN_LENGTH;
    }

    private static Map<String, Long> byCount(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(FACET_TERMS)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
