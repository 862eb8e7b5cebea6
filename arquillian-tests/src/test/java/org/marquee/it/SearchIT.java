package org.marquee.it;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search (docs/search.md): words, typos, accents, stems, ranking, filters, facets, paging, freshness
 * through the outbox, and hostile input. Every test makes its own random word, so tests never see each
 * other's events in the shared database.
 */
class SearchIT extends MarqueeIT {

    private static final Duration FRESH = Duration.ofSeconds(5);
    private static final Random RANDOM = new Random();

    /** A random word of letters only, unlike any other word (and more than one typo away from any other). */
    private static String token() {
        StringBuilder b = new StringBuilder("qx");
        for (int i = 0; i < 9; i++) {
            b.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return b.toString();
    }

    @BeforeAll
    static void indexIsReady() throws Exception {
        // the index may still be building right after deployment: readiness says when it is done
        eventually(Duration.ofSeconds(120), () -> server().get("/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'search-index' }.status", equalTo("UP")));
    }

    // ------------------------------------------------------------------------------------------ words

    @Test
    void aNameMatchRanksAboveADescriptionMatch() throws Exception {
        String w = token();
        String inDescription = create(event("Evening of strings").description("Featuring the " + w + " quartet"));
        String inName = create(event(w + " Gala"));
        List<String> ids = awaitHits(Map.of("q", w), 2);
        assertEquals(List.of(inName, inDescription), ids, "the name match first");
    }

    @Test
    void oneTypoIsToleratedAndExactMatchesRankFirst() throws Exception {
        String w = token();
        String beethoven = create(event(w + " Beethoven Symphonies"));
        awaitHits(Map.of("q", w), 1);
        search(Map.of("q", "Beethovn " + w)).then().statusCode(200).body("items.id", equalTo(List.of(beethoven)));
        // exact above fuzzy: "Beethovan" is one typo away from the query word, "Beethoven" is the word
        String typo = create(event(w + " Beethovan Sonatas"));
        List<String> ids = awaitHits(Map.of("q", "beethoven " + w), 2);
        assertEquals(List.of(beethoven, typo), ids);
        // two typos are too many
        search(Map.of("q", "Betohvn " + w)).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void typosAreLookedForOnlyWhenTheWordsAsTypedFindTooLittle() throws Exception {
        String w = token();
        String typo = create(event(w + " Mozarz Serenade 99"));
        List<String> exact = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            exact.add(create(event(w + " Mozart Serenade " + i)));
        }
        awaitHits(Map.of("q", w), 20);
        // 19 exact matches are fewer than 20: the typo match comes too, after them
        Response few = search(Map.of("q", "mozart " + w, "size", "100"));
        few.then().statusCode(200).body("total", equalTo(20));
        assertEquals(typo, few.<List<String>>path("items.id").get(19), "the typo match ranks last");
        // with 20 exact matches the typo match is left out, on every page, in the total and the facets
        exact.add(create(event(w + " Mozart Serenade 19")));
        eventually(FRESH, () -> search(Map.of("q", "mozart " + w, "size", "100")).then()
                .body("total", equalTo(20)).body("items.id", not(hasItem(typo))));
        search(Map.of("q", "mozart " + w, "page", "1", "size", "10")).then().statusCode(200)
                .body("total", equalTo(20)).body("items.id", not(hasItem(typo))).body("facets.category.CONCERT", equalTo(20));
        // the typo alone still finds what it is one letter away from
        search(Map.of("q", "mozarz " + w)).then().statusCode(200).body("items.id", hasItem(typo));
    }

    @Test
    void accentsAndCaseAreFolded() throws Exception {
        String w = token();
        String id = create(event(w + " Café Nights").venue("Tonhalle", "Zürich", "CH"));
        awaitHits(Map.of("q", w), 1);
        for (String q : List.of("zurich " + w, "ZÜRICH " + w, "cafe " + w, "CAFÉ " + w, "tonhalle " + w)) {
            search(Map.of("q", q)).then().statusCode(200).body("items.id", equalTo(List.of(id)));
        }
        search(Map.of("q", w, "city", "zurich")).then().statusCode(200).body("items.id", equalTo(List.of(id)));
        search(Map.of("q", w, "city", "Zürich")).then().statusCode(200).body("items.id", equalTo(List.of(id)))
                .body("items[0].venue.city", equalTo("Zürich"));
        search(Map.of("q", w, "city", "Geneva")).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void wordsAreStemmedAndPerformersAreSearched() throws Exception {
        String w = token();
        String id = create(event(w + " Concert").performers("Orchestre de la Suisse Romande"));
        awaitHits(Map.of("q", w), 1);
        search(Map.of("q", "concerts " + w)).then().statusCode(200).body("items.id", equalTo(List.of(id)));
        search(Map.of("q", "romande " + w)).then().statusCode(200).body("items.id", equalTo(List.of(id)));
    }

    @Test
    void hitsCarryTheListItemShapeWithPriceAndAvailabilityFromTheIndexAndCounters() throws Exception {
        String w = token();
        String id = create(event(w + " Priced").seatTypes("""
                [{"name": "Floor", "price": "70.00", "currency": "CHF", "reservedSeating": false, "quantity": 30},
                 {"name": "Balcony", "price": "25.50", "currency": "CHF", "reservedSeating": false, "quantity": 12}]"""));
        awaitHits(Map.of("q", w), 1);
        search(Map.of("q", w)).then().statusCode(200)
                .body("total", equalTo(1)).body("page", equalTo(0)).body("size", equalTo(20))
                .body("items[0].id", equalTo(id))
                .body("items[0].name", equalTo(w + " Priced"))
                .body("items[0].category", equalTo("CONCERT"))
                .body("items[0].startAt", equalTo(api().get("/events/{id}", id).path("startAt")))
                .body("items[0].venue.name", equalTo("Lakeside Arena"))
                .body("items[0].venue.city", equalTo("Geneva"))
                .body("items[0].venue.country", equalTo("CH"))
                .body("items[0].minPrice", equalTo("25.50"))
                .body("items[0].currency", equalTo("CHF"))
                .body("items[0].available", equalTo(42))
                .body("items[0].status", equalTo("ON_SALE"));
    }

    // ---------------------------------------------------------------------------- filters, facets, pages

    @Test
    void dateRangeBoundsTheStart() throws Exception {
        String w = token();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        create(event(w + " early").startsIn(Duration.ofDays(10)));
        String middle = create(event(w + " middle").startsIn(Duration.ofDays(20)));
        create(event(w + " late").startsIn(Duration.ofDays(40)));
        awaitHits(Map.of("q", w), 3);
        search(Map.of("q", w, "from", now.plus(15, ChronoUnit.DAYS).toString(), "to", now.plus(30, ChronoUnit.DAYS).toString()))
                .then().statusCode(200).body("items.id", equalTo(List.of(middle)));
        search(Map.of("q", w, "from", now.plus(15, ChronoUnit.DAYS).toString())).then().body("total", equalTo(2));
        search(Map.of("q", w, "to", now.plus(15, ChronoUnit.DAYS).toString())).then().body("total", equalTo(1));
    }

    @Test
    void cityAndCategoryFilterAndFacetsCountTheResult() throws Exception {
        String w = token();
        String sports = create(event(w + " derby").category("SPORTS").venue("St. Jakob-Park", "Basel", "CH"));
        create(event(w + " one"));
        create(event(w + " two"));
        awaitHits(Map.of("q", w), 3);
        search(Map.of("q", w)).then().statusCode(200)
                .body("facets.category.CONCERT", equalTo(2)).body("facets.category.SPORTS", equalTo(1))
                .body("facets.city.Geneva", equalTo(2)).body("facets.city.Basel", equalTo(1))
                .body("exactCounts", equalTo(true));
        search(Map.of("q", w, "category", "SPORTS")).then().statusCode(200)
                .body("items.id", equalTo(List.of(sports))).body("facets.city.Basel", equalTo(1))
                .body("facets.city.Geneva", equalTo(null));
        search(Map.of("q", w, "category", "sports")).then().statusCode(200).body("total", equalTo(1));
        search(Map.of("q", w, "city", "BASEL")).then().statusCode(200).body("items.id", equalTo(List.of(sports)));
        search(Map.of("q", w, "city", "Geneva", "category", "CONCERT")).then().statusCode(200).body("total", equalTo(2));
        search(Map.of("q", w, "category", "OPERA")).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem("category"));
    }

    @Test
    void pagesAreDisjointAndSizesAreChecked() throws Exception {
        String w = token();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(event(w + " part").startsIn(Duration.ofDays(10 + i))));
        }
        awaitHits(Map.of("q", w), 5);
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            Response r = search(Map.of("q", w, "page", String.valueOf(page), "size", "2"));
            r.then().statusCode(200).body("total", equalTo(5)).body("page", equalTo(page)).body("size", equalTo(2));
            seen.addAll(r.path("items.id"));
        }
        assertEquals(created, seen, "equal relevance: soonest first, each event once");
        search(Map.of("q", w, "size", "0")).then().statusCode(400).body("errors.field", hasItem("size"));
        search(Map.of("q", w, "size", "101")).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        search(Map.of("q", w, "page", "-1")).then().statusCode(400).body("errors.field", hasItem("page"));
        search(Map.of("q", w, "page", "two")).then().statusCode(400).body("errors.field", hasItem("page"));
        search(Map.of("page", "5000", "size", "100")).then().statusCode(400).body("errors.field", hasItem("page"));
    }

    @Test
    void withoutWordsTheSoonestComeFirst() {
        Response r = search(Map.of("size", "100"));
        r.then().statusCode(200);
        // as instants: "…:56Z" comes before "…:56.9Z", although not as text
        List<Instant> starts = r.<List<String>>path("items.startAt").stream().map(Instant::parse).toList();
        List<Instant> sorted = new ArrayList<>(starts);
        sorted.sort(Instant::compareTo);
        assertEquals(sorted, starts);
    }

    @Test
    void cancelledAndEndedEventsAreLeftOutUnlessAskedFor() throws Exception {
        String w = token();
        String cancelled = create(event(w + " rained off"));
        String ended = create(event(w + " last year").startsIn(Duration.ofDays(-2)));
        String live = create(event(w + " live"));
        awaitHits(Map.of("q", w), 2);
        asIntegrator().post("/events/{id}/cancel", cancelled).then().statusCode(200);
        eventually(FRESH, () -> search(Map.of("q", w)).then().body("items.id", equalTo(List.of(live))));
        search(Map.of("q", w, "includeCancelled", "true")).then().statusCode(200).body("total", equalTo(2))
                .body("items.find { it.id == '" + cancelled + "' }.status", equalTo("CANCELLED"));
        search(Map.of("q", w, "includePast", "true")).then().statusCode(200).body("total", equalTo(2))
                .body("items.id", hasItem(ended));
        search(Map.of("q", w, "includePast", "true", "includeCancelled", "true")).then().body("total", equalTo(3));
        search(Map.of("q", w, "includePast", "maybe")).then().statusCode(400).body("errors.field", hasItem("includePast"));
    }

    // ---------------------------------------------------------------------------------- freshness

    @Test
    void createdChangedAndCancelledEventsAreSearchableWithinFiveSeconds() throws Exception {
        String w = token();
        String renamed = token();
        String id = create(event(w + " Fresh"));
        eventually(FRESH, () -> search(Map.of("q", w)).then().body("items.id", equalTo(List.of(id))));

        asIntegrator().body("{\"name\": \"" + renamed + " Fresh\", \"venue\": {\"city\": \"Lausanne\"}}")
                .patch("/events/{id}", id).then().statusCode(200);
        eventually(FRESH, () -> {
            search(Map.of("q", renamed)).then().body("items.id", equalTo(List.of(id)))
                    .body("items[0].venue.city", equalTo("Lausanne"));
            search(Map.of("q", w)).then().body("total", equalTo(0));
        });

        asIntegrator().post("/events/{id}/cancel", id).then().statusCode(200);
        eventually(FRESH, () -> search(Map.of("q", renamed)).then().body("total", equalTo(0)));
    }

    @Test
    void onlyCommittedChangesAreIndexedAndTheOffsetIsDurable() throws Exception {
        String w = token();
        UUID phantom = UUID.randomUUID();
        UUID real = UUID.randomUUID();
        try (Connection db = database()) {
            db.setAutoCommit(false);
            insertEvent(db, phantom, w + " phantom");
            db.rollback();
            insertEvent(db, real, w + " real");
            db.commit();
        }
        // the committed event arrives (after the rolled-back one would have, had it been delivered)
        eventually(FRESH, () -> search(Map.of("q", w)).then().body("items.id", equalTo(List.of(real.toString()))));
        search(Map.of("q", "phantom " + w)).then().body("total", equalTo(0));

        // this node's position is recorded in PostgreSQL, at or past the entry just applied
        try (Connection db = database();
             PreparedStatement s = db.prepareStatement("""
                     select (select count(*) from outbox_consumer_offset o
                              where o.consumer = 'search' and (o.position_tx, o.position_id) >= (x.tx_id, x.id))
                       from outbox x where x.aggregate_id = ?""")) {
            s.setObject(1, real);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "one node, and its durable offset covers the entry");
            }
        }
    }

    // ------------------------------------------------------------------------------------ bad input

    @Test
    void queryTextIsOnlyEverWords() throws Exception {
        String w = token();
        String plain = create(event(w).description("A plain show"));
        String mentionsName = create(event("Another show").description("The name " + w + " appears here"));
        awaitHits(Map.of("q", w), 2);
        // a field query would find the event named w; as words, "name" and w must both appear
        search(Map.of("q", "name:" + w)).then().statusCode(200).body("items.id", equalTo(List.of(mentionsName)));
        search(Map.of("q", "\"" + w + "\"")).then().statusCode(200).body("total", equalTo(2));
        search(Map.of("q", w + "*")).then().statusCode(200).body("total", equalTo(2));
        search(Map.of("q", "(" + w + ")^10 OR description:show~")).then().statusCode(200);
        search(Map.of("q", w + " AND (")).then().statusCode(200).body("items.id", not(hasItem(plain)));
    }

    @Test
    void hostileQueriesAreNeverAServerError() {
        List<String> hostile = List.of(
                "name:x AND (", "\"unbalanced", "*", "?", "~", "\\", "/regex/", "a:b:c", "[a TO z]", "{!lucene}", "((((((((((",
                "'; drop table event; --", "1 OR 1=1", "%", "%%", "_", "<script>alert(1)</script>", "${jndi:ldap://x}",
                "\u0000\u0001\u0007 tab\tnewline\n", "🎵🎸🥁", "👩‍👩‍👧‍👦 family", "東京 コンサート", "ｆｕｌｌｗｉｄｔｈ", "e\u0301te\u0301",
                "\u200b\u200d\ufeff", "a".repeat(999), "word ".repeat(200), "x".repeat(1001), "ünïcödé ßtraße", "-", "+", "&&", "||", "!");
        for (String q : hostile) {
            int status = search(Map.of("q", q)).then().statusCode(anyOf(equalTo(200), equalTo(400))).extract().statusCode();
            if (status == 400) {
                search(Map.of("q", q)).then().body("code", equalTo("VALIDATION_FAILED"));
            }
        }
        search(Map.of("q", "🎵🎸🥁")).then().statusCode(200).body("total", equalTo(0));
        search(Map.of("q", "x".repeat(1001))).then().statusCode(400).body("errors.field", hasItem("q"));
        // ten kilobytes in the query string: refused cleanly, not a 500
        int big = search(Map.of("q", "y ".repeat(5000))).statusCode();
        assertNotEquals(500, big);
        assertTrue(big == 400 || big == 414 || big == 431, "10 kB of q: " + big);
    }

    @Test
    void badDatesAndFlagsAreValidationErrors() {
        search(Map.of("from", "yesterday")).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem("from"));
        search(Map.of("to", "2026-13-01")).then().statusCode(400).body("errors.field", hasItem("to"));
        search(Map.of("from", "2027-01-02T00:00:00Z", "to", "2027-01-01T00:00:00Z")).then().statusCode(400)
                .body("errors.field", hasItem("to"));
        search(Map.of("from", "yesterday", "size", "0", "category", "x")).then().statusCode(400)
                .body("errors.field", hasItem("from")).body("errors.field", hasItem("size")).body("errors.field", hasItem("category"));
    }

    @Test
    void readinessIncludesTheSearchIndex() {
        server().get("/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'search-index' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'search-index' }.data.state", equalTo("READY"))
                .body("checks.find { it.name == 'search-index' }.data.node", equalTo("marquee-test"));
        String doc = server().get("/openapi").then().statusCode(200).extract().asString();
        assertTrue(doc.contains("/events/search"), "OpenAPI lists search (paths are relative to the server /api/v1)");
    }

    // ------------------------------------------------------------------------------------- helpers

    private static Response search(Map<String, String> params) {
        return api().queryParams(params).get("/events/search");
    }

    /** Waits (at most the freshness bound) until the query has {@code count} hits; returns their ids in order. */
    private static List<String> awaitHits(Map<String, String> params, int count) throws Exception {
        List<List<String>> ids = new ArrayList<>();
        eventually(FRESH, () -> {
            Response r = search(params);
            r.then().statusCode(200).body("total", equalTo(count));
            ids.add(r.path("items.id"));
        });
        return ids.get(ids.size() - 1);
    }

    /** Retries the assertion until it holds or the deadline passes (then its last failure is thrown). */
    static void eventually(Duration within, Runnable assertion) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static String create(EventBody body) {
        return asIntegrator().body(body.json()).post("/events").then().statusCode(201).extract().path("id");
    }

    private static EventBody event(String name) {
        return new EventBody(name);
    }

    /** A valid event request with the parts a search test varies. */
    private static final class EventBody {
        private final String name;
        private String description = "";
        private String category = "CONCERT";
        private String venue = "Lakeside Arena";
        private String city = "Geneva";
        private String country = "CH";
        private List<String> performers = List.of("The Testers");
        private Duration startsIn = Duration.ofDays(30);
        private String seatTypes = """
                [{"name": "Standing", "price": "25.00", "currency": "EUR", "reservedSeating": false, "quantity": 10}]""";

        EventBody(String name) {
            this.name = name;
        }

        EventBody description(String d) { this.description = d; return this; }
        EventBody category(String c) { this.category = c; return this; }
        EventBody venue(String n, String c, String cc) { this.venue = n; this.city = c; this.country = cc; return this; }
        EventBody performers(String... p) { this.performers = List.of(p); return this; }
        EventBody startsIn(Duration d) { this.startsIn = d; return this; }
        EventBody seatTypes(String json) { this.seatTypes = json; return this; }

        String json() {
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(startsIn);
            StringBuilder p = new StringBuilder("[");
            for (String s : performers) {
                p.append(p.length() > 1 ? ", " : "").append("{\"name\": \"").append(s).append("\"}");
            }
            p.append("]");
            return """
                    {"name": "%s", "code": "%s", "description": "%s", "category": "%s",
                     "venue": {"name": "%s", "city": "%s", "country": "%s"},
                     "performers": %s,
                     "startAt": "%s", "endAt": "%s", "saleStartAt": "%s", "saleEndAt": "%s",
                     "seatTypes": %s}
                    """.formatted(name, Events.uniqueCode("S"), description, category, venue, city, country, p,
                    start, start.plus(3, ChronoUnit.HOURS), start.minus(60, ChronoUnit.DAYS), start.minus(1, ChronoUnit.HOURS),
                    seatTypes);
        }
    }

    private static void insertEvent(Connection db, UUID id, String name) throws Exception {
        Instant start = Instant.now().plus(30, ChronoUnit.DAYS);
        try (PreparedStatement s = db.prepareStatement("""
                insert into event (id, code, name, category, start_at, sale_start_at, sale_end_at)
                values (?, ?, ?, 'OTHER', ?, ?, ?)""")) {
            s.setObject(1, id);
            s.setString(2, Events.uniqueCode("SQL"));
            s.setString(3, name);
            s.setObject(4, java.sql.Timestamp.from(start));
            s.setObject(5, java.sql.Timestamp.from(start.minus(10, ChronoUnit.DAYS)));
            s.setObject(6, java.sql.Timestamp.from(start.minus(1, ChronoUnit.DAYS)));
            s.executeUpdate();
        }
        try (PreparedStatement s = db.prepareStatement(
                "insert into outbox (aggregate_type, aggregate_id, event_type) values ('event', ?, 'EventCreated')")) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }
}
