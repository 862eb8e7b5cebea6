package org.marquee.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.marquee.bench.GatlingReport.Stats;

/**
 * Writes {@code summary.md} and {@code summary.json} into {@code marquee.bench.out} after a benchmark run:
 * the machine and the date, the data set and the stadium's creation time (from the loader's
 * {@code load.json}), and per scenario and per phase of the {@link LoadShape}: requests, OK, KO,
 * throughput, p50/p95/p99/p99.9/max, and each figure divided by the baseline's in the same phase.
 *
 * <p>Throughput is OK responses divided by the phase's planned length. Response times come from Gatling's
 * report, in whole milliseconds: a ratio to a baseline of 0 ms is not given.
 */
public final class Summary {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Gatling's rows for the on-sale requests (every answer, 409 included) and the report they came from. */
    private static final Map<String, Object> onSaleRequests = new LinkedHashMap<>();

    record Phase(LoadShape.Phase phase, Stats stats, Double throughput, Map<String, Double> vsBaseline) {
    }

    record Scenario(String name, String report, String loadAverageAtStart, Stats all, List<Phase> phases, Map<String, Long> errors) {
        Phase phase(String label) {
            return phases.stream().filter(p -> p.phase().label().equals(label)).findFirst().orElse(null);
        }
    }

    private Summary() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("marquee.bench.out", "target/bench"));
        Path results = Path.of(System.getProperty("marquee.bench.results", out.resolve("gatling").toString()));
        LoadShape shape = LoadShape.fromSystemProperties();
        JsonNode load = JSON.readTree(out.resolve(LoadData.LOAD_FILE).toFile());
        Instant since = Instant.parse(load.path("startedAt").asText()).truncatedTo(ChronoUnit.SECONDS);

        List<Scenario> scenarios = scenarios(out, results, since, shape);
        Scenario baseline = scenarios.stream().filter(s -> s.name().equals(BaselineSimulation.SCENARIO)).findFirst().orElse(null);
        scenarios = scenarios.stream().map(s -> s == baseline ? s : compared(s, baseline)).toList();

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> machine = Machine.describe();
        machine.put("loadAverageAtStart", load.path("loadAverageAtStart").asText("unknown"));
        machine.put("postgresql", postgresVersion());
        summary.put("machine", machine);
        summary.put("software", System.getProperty("marquee.bench.versions", "unknown"));
        summary.put("commit", command("git", "describe", "--always", "--dirty"));
        summary.put("data", load);
        double zipf = Double.parseDouble(System.getProperty("bench.zipf", "1.2"));
        HotKeys skew = new HotKeys("eventId", eventIds(load.path("events").asInt(1)), zipf);
        summary.put("viewSkew", Map.of("zipfExponent", zipf, "shareOfTop1", round(skew.shareOfTop(1), 3),
                "shareOfTop5", round(skew.shareOfTop(5), 3), "shareOfTop20", round(skew.shareOfTop(20), 3)));
        summary.put("loadShape", shape);
        summary.put("scenarios", scenarios);
        JsonNode onSaleApp = readIfPresent(out.resolve(OnSale.APP_FILE));
        JsonNode onSaleDb = readIfPresent(out.resolve(OnSale.DB_FILE));
        Map<String, Object> onSale = new LinkedHashMap<>();
        if (onSaleApp != null || onSaleDb != null) {
            onSale.put("data", load.path("onSale"));
            onSale.put("application", onSaleApp);
            onSale.put("database", onSaleDb);
            onSale.put("ratios", onSaleRatios(onSaleApp, onSaleDb));
            onSale.put("gatling", onSaleRequests);
            summary.put("onSale", onSale);
        }

        JsonNode surgeApp = readIfPresent(out.resolve(Surge.APP_FILE));
        JsonNode surgeDb = readIfPresent(out.resolve(Surge.DB_FILE));
        Map<String, Object> surge = new LinkedHashMap<>();
        if (surgeApp != null || surgeDb != null) {
            surge.put("data", load.path("surge"));
            surge.put("application", surgeApp);
            surge.put("database", surgeDb);
            Phase base = SurgeSummary.baselinePhase(baseline, surgeApp == null ? 0 : surgeApp.path("pollRate").asInt());
            if (base != null) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("rate", base.phase().level());
                b.put("requests", base.stats().total());
                b.put("p50", base.stats().p50());
                b.put("p95", base.stats().p95());
                b.put("p99", base.stats().p99());
                b.put("max", base.stats().max());
                surge.put("baseline", b);
            }
            summary.put("surge", surge);
        }

        JsonNode searchData = readIfPresent(out.resolve(SearchIndexReady.FILE));
        if (searchData != null) {
            summary.put("searchData", searchData);
        }

        Files.createDirectories(out);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("summary.json").toFile(), summary);
        Scenario search = scenarios.stream().filter(s -> s.name().equals(SearchSimulation.SCENARIO)).findFirst().orElse(null);
        Scenario searchHot = scenarios.stream().filter(s -> s.name().equals(SearchSimulation.HOT)).findFirst().orElse(null);
        String markdown = markdown(summary, scenarios, baseline, shape, load, skew, zipf)
                + searchMarkdown(searchData, search, shape)
                + searchHotMarkdown(readIfPresent(out.resolve(SearchSimulation.SNAPSHOTS)), searchHot, shape)
                + (onSale.isEmpty() ? "" : OnSaleSummary.markdown(onSale))
                + (surge.isEmpty() ? "" : SurgeSummary.markdown(surge, loadAverageAtStart(out, SurgeSimulation.SCENARIO)));
        Files.writeString(out.resolve("summary.md"), markdown, StandardCharsets.UTF_8);
        System.out.println(markdown);
        System.out.println("[bench] written: " + out.resolve("summary.md") + " and summary.json");
    }

    /** The latest report of each scenario written since the loader started. */
    private static List<Scenario> scenarios(Path out, Path results, Instant since, LoadShape shape) throws IOException {
        Map<String, Scenario> byName = new LinkedHashMap<>();
        if (!Files.isDirectory(results)) {
            return List.of();
        }
        List<Path> reports;
        try (Stream<Path> dirs = Files.list(results)) {
            reports = dirs.filter(d -> Files.isRegularFile(d.resolve("index.html"))).filter(d -> modifiedSince(d, since)).sorted().toList();
        }
        for (Path dir : reports) {
            GatlingReport.Report report = GatlingReport.read(dir.resolve("index.html"));
            Map<String, Stats> rows = report.requests();
            Map<String, List<String>> names = new LinkedHashMap<>();
            for (String request : rows.keySet()) {
                int colon = request.indexOf(": ");
                if (colon > 0) {
                    names.computeIfAbsent(request.substring(0, colon), k -> new ArrayList<>()).add(request);
                }
            }
            for (String request : List.of(OnSaleSimulation.HOLD, OnSaleSimulation.CONFIRM)) {
                if (rows.containsKey(request)) {
                    onSaleRequests.put(request, rows.get(request));
                    onSaleRequests.put("report", results.relativize(dir).toString());
                }
            }
            names.remove(OnSaleSimulation.SCENARIO);
            names.remove(SurgeSimulation.SCENARIO);
            for (String name : names.keySet()) {
                List<Phase> phases = new ArrayList<>();
                for (LoadShape.Phase phase : shape.phases()) {
                    Stats stats = rows.get(LoadShape.requestName(name, phase));
                    phases.add(new Phase(phase, stats, stats == null ? null : round((double) stats.ok() / phase.seconds(), 1), Map.of()));
                }
                byName.remove(name);
                boolean alone = names.size() == 1;
                byName.put(name, new Scenario(name, results.relativize(dir).toString(), loadAverageAtStart(out, name),
                        alone ? rows.get(GatlingReport.ALL_REQUESTS) : null, phases, alone ? report.errors() : Map.of()));
            }
        }
        List<Scenario> ordered = new ArrayList<>();
        if (byName.containsKey(BaselineSimulation.SCENARIO)) {
            ordered.add(byName.remove(BaselineSimulation.SCENARIO));
        }
        ordered.addAll(byName.values());
        return ordered;
    }

    private static JsonNode readIfPresent(Path file) throws IOException {
        return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
    }

    /** The application's rates divided by pgbench's on the same SQL. */
    private static Map<String, Double> onSaleRatios(JsonNode app, JsonNode db) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        if (app == null || db == null) {
            return ratios;
        }
        JsonNode pgbench = db.path("pgbench");
        if (app.path("holdsPerSecond").isNumber() && pgbench.path("hold").path("tps").isNumber()) {
            ratios.put("holds", round(app.path("holdsPerSecond").asDouble() / pgbench.path("hold").path("tps").asDouble(), 3));
        }
        if (app.path("purchasesPerSecond").isNumber() && pgbench.path("purchase").path("tps").isNumber()) {
            ratios.put("purchases", round(app.path("purchasesPerSecond").asDouble() / pgbench.path("purchase").path("tps").asDouble(), 3));
        }
        return ratios;
    }

    private static String loadAverageAtStart(Path out, String scenario) {
        try {
            String[] noted = Files.readString(Bench.startFile(out, scenario)).strip().split(" ", 2);
            return noted.length == 2 ? noted[1] : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static boolean modifiedSince(Path dir, Instant since) {
        try {
            return !Files.getLastModifiedTime(dir.resolve("index.html")).toInstant().isBefore(since);
        } catch (IOException e) {
            return false;
        }
    }

    /** The scenario with each phase's figures divided by the baseline's in the same phase. */
    private static Scenario compared(Scenario scenario, Scenario baseline) {
        if (baseline == null) {
            return scenario;
        }
        List<Phase> phases = new ArrayList<>();
        for (Phase p : scenario.phases()) {
            Phase b = baseline.phase(p.phase().label());
            Map<String, Double> ratios = new LinkedHashMap<>();
            if (p.stats() != null && b != null && b.stats() != null) {
                ratios.put("throughput", ratio(p.throughput(), b.throughput()));
                ratios.put("p50", ratio(p.stats().p50(), b.stats().p50()));
                ratios.put("p95", ratio(p.stats().p95(), b.stats().p95()));
                ratios.put("p99", ratio(p.stats().p99(), b.stats().p99()));
            }
            phases.add(new Phase(p.phase(), p.stats(), p.throughput(), ratios));
        }
        return new Scenario(scenario.name(), scenario.report(), scenario.loadAverageAtStart(), scenario.all(), phases, scenario.errors());
    }

    private static Double ratio(Number value, Number base) {
        if (value == null || base == null || base.doubleValue() <= 0) {
            return null;
        }
        return round(value.doubleValue() / base.doubleValue(), 2);
    }

    private static String markdown(Map<String, Object> summary, List<Scenario> scenarios, Scenario baseline, LoadShape shape,
            JsonNode load, HotKeys skew, double zipf) {
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) summary.get("machine");
        StringBuilder md = new StringBuilder();
        md.append("# Marquee benchmark, ").append(summary.get("date")).append("\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %s CPUs (%s), %s GiB memory, %s; Java %s; %s; %s; commit %s. "
                        + "Load average (1/5/15 min) %s at the start, %s at the end.%n%n",
                machine.get("cpus"), machine.get("cpuModel"), machine.get("memoryGiB"), machine.get("os"), machine.get("java"),
                machine.get("postgresql"), summary.get("software"), summary.get("commit"),
                machine.get("loadAverageAtStart"), machine.get("loadAverage")));
        md.append("Server, database and load generator share this machine: compare the ratios to the baseline, "
                + "which was measured in the same run under the same load shape, rather than absolute figures.\n\n");

        md.append("## Data\n\n");
        JsonNode ordinary = load.path("ordinaryEvents");
        JsonNode stadium = load.path("stadium");
        md.append(String.format(Locale.ROOT, "- %d events created through `POST /api/v1/events`%s: %d ordinary events of %d seats "
                        + "in %.1f s (p50 %d ms, p95 %d ms, max %d ms per event).%n",
                load.path("events").asInt(), load.path("authenticated").asBoolean() ? " (with a bearer token)" : "",
                ordinary.path("count").asInt(), ordinary.path("seatsEach").asInt(), ordinary.path("seconds").asDouble(),
                ordinary.path("p50Millis").asLong(), ordinary.path("p95Millis").asLong(), ordinary.path("maxMillis").asLong()));
        md.append(String.format(Locale.ROOT, "- **Stadium: %,d numbered seats (%d sections) created in %,d ms** (one request of %,d bytes).%n",
                stadium.path("seats").asInt(), stadium.path("sections").asInt(), stadium.path("createMillis").asLong(),
                stadium.path("requestBytes").asLong()));
        md.append(String.format(Locale.ROOT, "- Event views are spread over the %d events by popularity (Zipf, exponent %.2f): "
                        + "the most popular event (the stadium) gets %.0f%% of them, the top 5 %.0f%%, the top 20 %.0f%%.%n%n",
                load.path("events").asInt(), zipf, skew.shareOfTop(1) * 100, skew.shareOfTop(5) * 100, skew.shareOfTop(20) * 100));

        md.append("## Load shape\n\n");
        md.append("Every scenario runs the same phases one after the other: ");
        List<String> phases = new ArrayList<>();
        for (LoadShape.Phase p : shape.phases()) {
            phases.add(p.open() ? String.format(Locale.ROOT, "%s (%d new requests/s for %d s)", p.label(), p.level(), p.seconds())
                    : String.format(Locale.ROOT, "%s (%d clients, each sending its next request when answered, for %d s)",
                            p.label(), p.level(), p.seconds()));
        }
        md.append(String.join(", ", phases)).append(". Open phases show latency at a given arrival rate; the closed phase "
                + "shows how many requests per second the server serves at most. Throughput = OK responses / phase length. "
                + "Times in ms (Gatling: whole milliseconds).\n\n");

        md.append("## Headlines\n\n");
        LoadShape.Phase closed = shape.phases().get(shape.phases().size() - 1);
        LoadShape.Phase busiest = shape.phases().get(shape.phases().size() - 2);
        for (Scenario s : scenarios) {
            Phase c = s.phase(closed.label());
            Phase o = s.phase(busiest.label());
            if (c == null || c.stats() == null || o == null || o.stats() == null) {
                md.append("- ").append(s.name()).append(": incomplete, see its report\n");
                continue;
            }
            md.append(String.format(Locale.ROOT, "- **%s**: at most %,.0f req/s%s (%s); at %s p50 %s / p95 %s / p99 %s ms%s; %,d KO of %,d.%n",
                    s.name(), c.throughput(), s == baseline ? "" : " = " + times(c.vsBaseline().get("throughput")) + " the baseline",
                    closed.label(), busiest.label(), ms(o.stats().p50()), ms(o.stats().p95()), ms(o.stats().p99()),
                    s == baseline ? "" : " = " + times(o.vsBaseline().get("p50")) + " / " + times(o.vsBaseline().get("p95")) + " / "
                            + times(o.vsBaseline().get("p99")) + " the baseline",
                    s.phases().stream().filter(p -> p.stats() != null).mapToLong(p -> p.stats().ko()).sum(),
                    s.phases().stream().filter(p -> p.stats() != null).mapToLong(p -> p.stats().total()).sum()));
        }
        if (baseline == null) {
            md.append("- no baseline report was found: no ratios\n");
        }
        md.append('\n');

        for (Scenario s : scenarios) {
            md.append("## ").append(s.name()).append("\n\n");
            md.append("Load average at its start: ").append(s.loadAverageAtStart()).append(".\n\n");
            boolean ratios = s != baseline && baseline != null;
            md.append("| phase | requests | OK | KO | req/s | p50 | p95 | p99 | p99.9 | max |");
            md.append(ratios ? " req/s × base | p50 × base | p95 × base | p99 × base |\n" : "\n");
            md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|").append(ratios ? "--:|--:|--:|--:|\n" : "\n");
            for (Phase p : s.phases()) {
                md.append("| ").append(p.phase().label()).append(" | ");
                if (p.stats() == null) {
                    md.append("not run | | | | | | | | |").append(ratios ? " | | | |\n" : "\n");
                    continue;
                }
                Stats t = p.stats();
                md.append(String.format(Locale.ROOT, "%,d | %,d | %,d | %,.0f | %s | %s | %s | %s | %s |", t.total(), t.ok(), t.ko(),
                        p.throughput(), ms(t.p50()), ms(t.p95()), ms(t.p99()), ms(t.p999()), ms(t.max())));
                if (ratios) {
                    md.append(' ').append(times(p.vsBaseline().get("throughput"))).append(" | ").append(times(p.vsBaseline().get("p50")))
                            .append(" | ").append(times(p.vsBaseline().get("p95"))).append(" | ").append(times(p.vsBaseline().get("p99")))
                            .append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
            if (!s.errors().isEmpty()) {
                md.append("Errors (KO):\n\n");
                s.errors().forEach((message, count) -> md.append(String.format(Locale.ROOT, "- %,d × %s%n", count, message)));
                md.append('\n');
            }
            md.append("Gatling report: `").append(s.report()).append("/index.html` (under `target/bench/gatling/`).\n\n");
        }
        if (scenarios.isEmpty()) {
            md.append("No Gatling report was written by this run: see the build log.\n");
        }
        return md.toString();
    }

    /** The long-tail search mix against its targets (at 1M events at least 500 searches/s, p99 under 100 ms), and the index rebuild. */
    private static String searchMarkdown(JsonNode data, Scenario search, LoadShape shape) {
        if (data == null && search == null) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Search over the generated events\n\n");
        if (data != null) {
            long millis = data.path("rebuildMillis").asLong(0);
            long events = data.path("rebuiltEvents").asLong(0);
            md.append(String.format(Locale.ROOT, "- %,d events generated with SQL (`tools/generate-events`, domain stopped) in %.0f s.%n",
                    data.path("events").asLong(), data.path("generateSeconds").asDouble()));
            md.append(millis > 0
                    ? String.format(Locale.ROOT, "- **Index rebuild: %,d events in %.0f s (%,.0f events/s)**, by the node's own log; ready %,d s after the restart; "
                            + "index %,.0f MB. Load average when ready: %s.%n",
                            events, millis / 1000.0, events * 1000.0 / millis, data.path("readyAfterSeconds").asLong(),
                            data.path("indexBytes").asLong() / 1e6, data.path("loadAverageWhenReady").asText())
                    : "- the rebuild's log line was not found; ready " + data.path("readyAfterSeconds").asText("?") + " s after the restart.\n");
        } else {
            md.append("- no search events were generated (`bench.search.events=0`): the scenario searched the loader's events only.\n");
        }
        if (search != null) {
            mixLines(md, "Long tail", search, shape, " (target at least 500 at 1M events)", " (target under 100 ms at 1M events)");
        }
        return md.append('\n').toString();
    }

    /** A search mix's lines: its most searches/s in the closed phase, then p50/p95/p99 of each open phase. */
    private static void mixLines(StringBuilder md, String mix, Scenario scenario, LoadShape shape, String throughputTarget, String p99Target) {
        LoadShape.Phase closed = shape.phases().get(shape.phases().size() - 1);
        Phase c = scenario.phase(closed.label());
        if (c != null && c.stats() != null) {
            md.append(String.format(Locale.ROOT, "- %s, most searches/s (%s): **%,.0f**%s, p95 %s ms, p99 %s ms.%n",
                    mix, closed.label(), c.throughput(), throughputTarget, ms(c.stats().p95()), ms(c.stats().p99())));
        }
        for (Phase p : scenario.phases()) {
            if (p.phase().open() && !p.phase().warmUp() && p.stats() != null) {
                md.append(String.format(Locale.ROOT, "- %s at %s: p50 %s ms, p95 %s ms, p99 **%s ms**%s, %,d KO.%n",
                        mix, p.phase().label(), ms(p.stats().p50()), ms(p.stats().p95()), ms(p.stats().p99()), p99Target, p.stats().ko()));
            }
        }
    }

    /** The hot mix beside the long tail, and what the node's answer cache did in each (readiness data snapshots). */
    private static String searchHotMarkdown(JsonNode snapshots, Scenario hot, LoadShape shape) {
        if (snapshots == null && hot == null) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Search: the hot mix, and the answer cache\n\n");
        if (hot != null) {
            mixLines(md, "Hot mix", hot, shape, "", "");
        }
        if (snapshots != null) {
            cacheLine(md, "long tail", snapshots.path("start"), snapshots.path("hotStart"));
            cacheLine(md, "hot mix", snapshots.path("hotStart"), snapshots.path("end"));
            JsonNode end = snapshots.path("end");
            if (end.has("indexBytes")) {
                md.append(String.format(Locale.ROOT, "- Index %,.0f MB; live heap after the last collection %,.0f MB.%n",
                        end.path("indexBytes").asLong() / 1e6, end.path("heapLiveBytes").asLong() / 1e6));
            }
        }
        return md.append('\n').toString();
    }

    private static void cacheLine(StringBuilder md, String mix, JsonNode from, JsonNode to) {
        if (!from.has("answersCached") || !to.has("answersCached")) {
            return;
        }
        long cached = to.path("answersCached").asLong() - from.path("answersCached").asLong();
        long computed = to.path("answersComputed").asLong() - from.path("answersComputed").asLong();
        md.append(String.format(Locale.ROOT, "- Answer cache, %s: %,d answers cached, %,d computed (hit ratio %.0f %%).%n",
                mix, cached, computed, cached + computed == 0 ? 0.0 : 100.0 * cached / (cached + computed)));
    }

    private static String ms(Long value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%,d", value);
    }

    private static String times(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Placeholder ids: the skew depends only on how many events there are. */
    private static List<String> eventIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Math.max(1, count); i++) {
            ids.add(String.valueOf(i));
        }
        return ids;
    }

    private static String postgresVersion() {
        String url = System.getProperty("marquee.bench.db.url");
        if (url == null) {
            return "PostgreSQL (version unknown)";
        }
        try {
            Class.forName("org.postgresql.Driver");
            try (Connection c = DriverManager.getConnection(url, System.getProperty("marquee.bench.db.user"),
                    System.getProperty("marquee.bench.db.password")); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("show server_version")) {
                r.next();
                return "PostgreSQL " + r.getString(1);
            }
        } catch (Exception e) {
            return "PostgreSQL (version unknown: " + e.getMessage() + ")";
        }
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 ? output : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
