package org.marquee.bench;

import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Fans searching: {@code GET /api/v1/events/search} with a mix of query kinds over the events
 * {@code tools/search-data} generated (a million by default; their words, cities and categories are
 * the generator's). Every request is a new random query of its kind: one word, two words, a word with one
 * typo, a word with a city and a category, no words (soonest first), a category in a date range, and a
 * deeper page of one word. With {@code bench.search.events=0} it searches only the events the loader made.
 */
public class SearchSimulation extends Simulation {

    public static final String SCENARIO = "search";

    static final String[] WORDS = {"jazz", "rock", "symphony", "opera", "ballet", "blues", "techno", "folk", "football",
        "tennis", "hockey", "theatre", "musical", "piano", "guitar", "poetry", "cinema", "science", "design", "cooking",
        "gala", "festival", "night", "session", "tour", "showcase", "marathon", "derby", "final", "summit", "carnival",
        "grand", "midnight", "golden", "electric", "royal", "velvet", "summer", "winter", "baroque", "romantic"};
    static final String[] TYPOS = {"symphny", "operra", "balet", "tenis", "festivl", "carnivall", "pianno", "gutar",
        "zurich", "geneve", "munchen", "koln", "montreal", "kobenhavn"};
    static final String[] CITIES = {"Zürich", "zurich", "Paris", "Berlin", "München", "London", "Tokyo", "São Paulo"};
    static final String[] CATEGORIES = {"CONCERT", "SPORTS", "THEATRE", "COMEDY", "FESTIVAL", "CONFERENCE", "OTHER"};

    /** Query kinds and their weights (per cent). */
    private static final Object[][] MIX = {
        {30, (Supplier<String>) () -> "q=" + pick(WORDS)},
        {15, (Supplier<String>) () -> "q=" + enc(pick(WORDS) + " " + pick(WORDS))},
        {10, (Supplier<String>) () -> "q=" + pick(TYPOS)},
        {15, (Supplier<String>) () -> "q=" + pick(WORDS) + "&city=" + enc(pick(CITIES)) + "&category=" + pick(CATEGORIES)},
        {10, (Supplier<String>) () -> "size=20"},
        {10, (Supplier<String>) () -> "category=" + pick(CATEGORIES) + "&from=2027-01-01T00:00:00Z&to=2027-03-01T00:00:00Z"},
        {10, (Supplier<String>) () -> "q=" + pick(WORDS) + "&page=" + (1 + ThreadLocalRandom.current().nextInt(10))},
    };

    {
        Iterator<Map<String, Object>> queries = Stream.generate(() -> Map.<String, Object>of("query", query())).iterator();
        setUp(Bench.phases(SCENARIO, name -> feed(queries)
                        .exec(http(name).get("/api/v1/events/search?#{query}").check(status().is(200)))))
                .protocols(Bench.protocol())
                .maxDuration(Bench.maxDuration());
    }

    @SuppressWarnings("unchecked")
    static String query() {
        int roll = ThreadLocalRandom.current().nextInt(100);
        for (Object[] kind : MIX) {
            roll -= (Integer) kind[0];
            if (roll < 0) {
                return ((Supplier<String>) kind[1]).get();
            }
        }
        throw new IllegalStateException("weights do not add up to 100");
    }

    private static String pick(String[] values) {
        return values[ThreadLocalRandom.current().nextInt(values.length)];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
