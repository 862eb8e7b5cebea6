import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Throwaway latency probe for GET /api/v1/events/search: one thread, N queries of each kind against a
 * running Marquee (e.g. loaded by arquillian-tests/src/bench/tools/generate-events), printing the latency distribution. Not a test
 * and not a load test (the Gatling harness is for that); it only tells roughly how long one query takes.
 *
 *   java arquillian-tests/src/bench/tools/SearchLatency.java [baseUrl=http://127.0.0.1:8080] [queriesPerKind=200]
 */
public class SearchLatency {

    static final String[] WORDS = {"jazz", "rock", "symphony", "opera", "ballet", "blues", "techno", "folk", "football",
            "tennis", "hockey", "theatre", "musical", "piano", "guitar", "poetry", "cinema", "science", "design", "cooking",
            "gala", "festival", "night", "session", "tour", "showcase", "marathon", "derby", "final", "summit", "carnival",
            "grand", "midnight", "golden", "electric", "royal", "velvet", "summer", "winter", "baroque", "romantic"};
    static final String[] TYPOS = {"symphny", "operra", "balet", "tenis", "festivl", "carnivall", "pianno", "gutar", "zurich",
            "geneve", "munchen", "koln", "sao", "montreal", "kobenhavn"};
    static final String[] CITIES = {"Zürich", "zurich", "Paris", "Berlin", "München", "London", "Tokyo", "São Paulo"};
    static final String[] CATEGORIES = {"CONCERT", "SPORTS", "THEATRE", "COMEDY", "FESTIVAL", "CONFERENCE", "OTHER"};

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        HttpClient http = HttpClient.newHttpClient();
        Random random = new Random(42);
        Map<String, java.util.function.Supplier<String>> kinds = new LinkedHashMap<>();
        kinds.put("one word", () -> "q=" + pick(random, WORDS));
        kinds.put("two words", () -> "q=" + enc(pick(random, WORDS) + " " + pick(random, WORDS)));
        kinds.put("typo", () -> "q=" + pick(random, TYPOS));
        kinds.put("word+city+category", () -> "q=" + pick(random, WORDS) + "&city=" + enc(pick(random, CITIES))
                + "&category=" + pick(random, CATEGORIES));
        kinds.put("no q (soonest first)", () -> "size=20");
        kinds.put("no q, category+dates", () -> "category=" + pick(random, CATEGORIES)
                + "&from=2027-01-01T00:00:00Z&to=2027-03-01T00:00:00Z");
        kinds.put("word, page 10", () -> "q=" + pick(random, WORDS) + "&page=10");
        // a 'from' in the past changes nothing but makes every query new: counts and facets computed, not shared
        kinds.put("one word, uncached", () -> "q=" + pick(random, WORDS) + "&from=" + pastSecond(random));
        kinds.put("no q, uncached", () -> "from=" + pastSecond(random));

        // warm up (JIT, caches, index readers), not measured
        for (int i = 0; i < 100; i++) {
            for (var k : kinds.values()) {
                get(http, base, k.get());
            }
        }
        List<Long> all = new ArrayList<>();
        System.out.printf("%-24s %7s %7s %7s %7s %7s %9s%n", "kind", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean", "avg total");
        for (var kind : kinds.entrySet()) {
            long[] t = new long[n];
            long totals = 0;
            for (int i = 0; i < n; i++) {
                String query = kind.getValue().get();
                long t0 = System.nanoTime();
                String body = get(http, base, query);
                t[i] = System.nanoTime() - t0;
                totals += total(body);
                all.add(t[i]);
            }
            print(kind.getKey(), t, totals / n);
        }
        print("all", all.stream().mapToLong(Long::longValue).toArray(), -1);
    }

    static String get(HttpClient http, String base, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events/search?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " for " + query + ": " + r.body());
        }
        return r.body();
    }

    static long total(String body) {
        int i = body.indexOf("\"total\":");
        if (i < 0) {
            return -1;
        }
        int j = i + 8;
        int k = j;
        while (k < body.length() && Character.isDigit(body.charAt(k))) {
            k++;
        }
        return Long.parseLong(body.substring(j, k));
    }

    static void print(String kind, long[] nanos, long avgTotal) {
        long[] t = nanos.clone();
        Arrays.sort(t);
        double mean = Arrays.stream(t).average().orElse(0) / 1e6;
        System.out.printf("%-24s %7.1f %7.1f %7.1f %7.1f %7.1f %9s%n", kind, t[t.length / 2] / 1e6, t[(int) (t.length * 0.9)] / 1e6,
                t[Math.min(t.length - 1, (int) (t.length * 0.99))] / 1e6, t[t.length - 1] / 1e6, mean, avgTotal < 0 ? "" : avgTotal);
    }

    static String pastSecond(Random r) {
        return java.time.Instant.parse("2020-01-01T00:00:00Z").plusSeconds(r.nextInt(100_000_000)).toString();
    }

    static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
