package org.marquee.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** The on-sale section of summary.md: the application's sale, the raw database's, the audit, where the time went. */
final class OnSaleSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnSaleSummary() {
    }

    static String markdown(Map<String, Object> onSale) {
        JsonNode all = JSON.valueToTree(onSale);
        JsonNode data = all.path("data");
        JsonNode app = all.path("application");
        JsonNode db = all.path("database");
        JsonNode hold = db.path("pgbench").path("hold");
        JsonNode purchase = db.path("pgbench").path("purchase");
        StringBuilder md = new StringBuilder("## on-sale\n\n");
        md.append(String.format(Locale.ROOT, "One hot event of %,d places (%s), %,d buyers (one account and token each) arriving within %s s, "
                        + "each holding and at once confirming with `tok_visa` until the event is sold out (or %s s have passed). "
                        + "Load average at its start: %s.%n%n",
                data.path("seats").asInt(), data.path("layout").asText(), app.path("buyers").asInt(), app.path("rampSeconds").asText(),
                app.path("boundSeconds").asText(), all.path("application").isMissingNode() ? "-" : loadAverage()));
        if (app.isMissingNode() || app.isNull()) {
            md.append("The on-sale simulation wrote no results (see the build log).\n\n");
        } else {
            md.append(String.format(Locale.ROOT, "%s after %s s: %,d holds (%,d by seat ids) of %,d places, %,d conflicts (409), "
                            + "%,d purchases of %,d places; errors: %s.%n%n",
                    app.path("soldOut").asBoolean() ? "**Sold out**" : "**Not sold out**",
                    app.path("soldOut").asBoolean() ? app.path("soldOutAfterSeconds").asText() : app.path("holdWindowSeconds").asText(),
                    app.path("holds").asLong(), app.path("chosenSeatHolds").asLong(), app.path("heldSeats").asLong(),
                    app.path("conflicts").asLong(), app.path("purchases").asLong(), app.path("soldSeats").asLong(),
                    app.path("errors").isEmpty() ? "none" : app.path("errors").toString()));
        }
        md.append("| | application (HTTP: Payara + PostgreSQL) | raw PostgreSQL (pgbench, same SQL) | application ÷ raw | target |\n");
        md.append("|---|--:|--:|--:|--:|\n");
        md.append(String.format(Locale.ROOT, "| holds/s (201) | %s | %s | %s | 4,200 |%n", num(app.path("holdsPerSecond")), num(hold.path("tps")),
                times(all.path("ratios").path("holds"))));
        md.append(String.format(Locale.ROOT, "| purchases/s (200 PAID) | %s | %s | %s | 1,500 |%n", num(app.path("purchasesPerSecond")),
                num(purchase.path("tps")), times(all.path("ratios").path("purchases"))));
        md.append(String.format(Locale.ROOT, "| hold p50 / p95 / p99 (201s) | %s ms | mean %s ms | | |%n", pcts(app.path("holdLatencyMillis")),
                num(hold.path("latencyAverageMillis"))));
        md.append(String.format(Locale.ROOT, "| conflict p50 / p95 / p99 (409s) | %s ms | | | |%n", pcts(app.path("conflictLatencyMillis"))));
        md.append(String.format(Locale.ROOT, "| confirm p50 / p95 / p99 (200s) | %s ms | mean %s ms | | |%n", pcts(app.path("confirmLatencyMillis")),
                num(purchase.path("latencyAverageMillis"))));
        md.append(String.format(Locale.ROOT, "| clients | %s buyers (JDBC pool %s) | %s | | |%n%n", app.path("buyers").asText(),
                db.path("pgbench").path("clients").asText(), db.path("pgbench").path("clients").asText()));
        md.append(String.format(Locale.ROOT, "pgbench: %s holds in %s s (%s failed), then %s purchases of those holds in %s s (%s failed), "
                        + "on the twin event, with the server stopped; its output with per-statement latencies is in `target/bench/pgbench/`.%s%n%n",
                num(hold.path("transactions")), hold.path("seconds").asText("-"), num(hold.path("failed")), num(purchase.path("transactions")),
                purchase.path("seconds").asText("-"), num(purchase.path("failed")),
                hold.has("error") ? " **" + hold.path("error").asText() + "**" : ""));

        JsonNode before = db.path("pgbench").path("statements");
        if (!before.isMissingNode()) {
            md.append("Raw PostgreSQL, the same run: the SQL as the application sent it before V16 (statement by statement, "
                    + "`onsale/statements/`) against today's (one function call a transaction).\n\n");
            md.append("| pgbench | before V16 (statements) | V16 (functions) | functions ÷ statements |\n|---|--:|--:|--:|\n");
            md.append(String.format(Locale.ROOT, "| holds/s | %s | %s | %s |%n", num(before.path("hold").path("tps")), num(hold.path("tps")),
                    ratio(hold.path("tps"), before.path("hold").path("tps"))));
            md.append(String.format(Locale.ROOT, "| purchases/s | %s | %s | %s |%n", num(before.path("purchase").path("tps")),
                    num(purchase.path("tps")), ratio(purchase.path("tps"), before.path("purchase").path("tps"))));
            md.append(String.format(Locale.ROOT, "| hold mean latency | %s ms | %s ms | |%n| purchase mean latency | %s ms | %s ms | |%n%n",
                    num(before.path("hold").path("latencyAverageMillis")), num(hold.path("latencyAverageMillis")),
                    num(before.path("purchase").path("latencyAverageMillis")), num(purchase.path("latencyAverageMillis"))));
        }

        md.append("### Sold-seat audit\n\n");
        md.append("The queries of the booking tests (`org.marquee.it.SeatAudit`), over the whole bench database. Every figure must be 0.\n\n");
        md.append("| finding | after the application's sale | after pgbench too |\n|---|--:|--:|\n");
        JsonNode first = db.path("auditAfterApplication");
        JsonNode second = db.path("auditAfterPgbench");
        long oversold = 0;
        for (Iterator<String> names = first.fieldNames(); names.hasNext();) {
            String name = names.next();
            oversold += first.path(name).asLong() + second.path(name).asLong(0);
            md.append("| ").append(name).append(" | ").append(first.path(name).asText()).append(" | ").append(second.path(name).asText("-")).append(" |\n");
        }
        md.append('\n').append(first.isMissingNode() ? "**No audit was run.**" : oversold == 0 ? "**Oversold: 0.**" : "**The audit found " + oversold + " faults.**")
                .append(" Hot event: places ").append(db.path("hotEvent").path("seats").toString()).append(", bookings ")
                .append(db.path("hotEvent").path("bookings").toString()).append("; twin (pgbench): places ")
                .append(db.path("twinEvent").path("seats").toString()).append(", bookings ").append(db.path("twinEvent").path("bookings").toString())
                .append(".\n\n");

        JsonNode probe = app.path("probe");
        if (!probe.isMissingNode()) {
            md.append("### Where the time went (application run)\n\n");
            double seconds = probe.path("seconds").asDouble();
            double capacity = probe.path("cpu").path("machineCpuSeconds").asDouble();
            long holds = app.path("holds").asLong();
            long purchases = app.path("purchases").asLong();
            md.append(String.format(Locale.ROOT, "CPU seconds over the %.1f s of the simulation (the machine had %.1f CPU seconds, %.1f of them busy):%n%n",
                    seconds, capacity, probe.path("cpu").path("machineBusyCpuSeconds").asDouble()));
            md.append("| process | CPU s | share of the machine | ms of CPU per hold + purchase |\n|---|--:|--:|--:|\n");
            JsonNode groups = probe.path("cpu").path("cpuSecondsByProcess");
            for (Iterator<Map.Entry<String, JsonNode>> it = groups.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> g = it.next();
                row(md, g.getKey(), g.getValue().asDouble(), capacity, holds, purchases);
            }
            row(md, "everything else on the machine (other engineers' builds and servers)", probe.path("cpu").path("otherProcessesCpuSeconds").asDouble(),
                    capacity, holds, purchases);
            md.append('\n');
            JsonNode activity = probe.path("activity").path("backendSamplesByState");
            long total = 0;
            for (JsonNode v : activity) {
                total += v.asLong();
            }
            if (total > 0) {
                md.append(String.format(Locale.ROOT, "What the bench database's backends were doing (%s samples of `pg_stat_activity`, every 100 ms):%n%n",
                        probe.path("activity").path("samples").asText()));
                md.append("| state | share of backend samples |\n|---|--:|\n");
                for (Iterator<Map.Entry<String, JsonNode>> it = activity.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    md.append(String.format(Locale.ROOT, "| %s | %.1f %% |%n", e.getKey(), 100.0 * e.getValue().asLong() / total));
                }
                md.append('\n');
            }
            JsonNode stats = probe.path("pgStatDatabase");
            if (stats.has("xact_commit") && holds + purchases > 0) {
                md.append(String.format(Locale.ROOT, "pg_stat_database over the run: %,d commits and %,d rollbacks (%.1f transactions per hold + purchase), "
                                + "%,d tuples inserted, %,d updated, %,d deadlocks.%n%n",
                        stats.path("xact_commit").asLong(), stats.path("xact_rollback").asLong(),
                        (stats.path("xact_commit").asLong() + stats.path("xact_rollback").asLong()) / (double) Math.max(1, holds),
                        stats.path("tup_inserted").asLong(), stats.path("tup_updated").asLong(), stats.path("deadlocks").asLong()));
            }
        }
        JsonNode gatling = all.path("gatling");
        if (!gatling.isMissingNode() && gatling.size() > 0) {
            md.append("Gatling's own figures (every answer, 409s included): ");
            for (String request : new String[] {OnSaleSimulation.HOLD, OnSaleSimulation.CONFIRM}) {
                JsonNode r = gatling.path(request);
                if (!r.isMissingNode()) {
                    md.append(String.format(Locale.ROOT, "%s %,d requests, %,d KO, p50 / p95 / p99 %s / %s / %s ms; ", request, r.path("total").asLong(),
                            r.path("ko").asLong(), r.path("p50").asText(), r.path("p95").asText(), r.path("p99").asText()));
                }
            }
            md.append("report `").append(gatling.path("report").asText()).append("/index.html`.\n\n");
        }
        return md.toString();
    }

    private static String loadAverage() {
        try {
            String[] noted = java.nio.file.Files.readString(Bench.startFile(Bench.out(), OnSaleSimulation.SCENARIO)).strip().split(" ", 2);
            return noted.length == 2 ? noted[1] : "unknown";
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void row(StringBuilder md, String name, double cpu, double capacity, long holds, long purchases) {
        md.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %s |%n", name, cpu,
                capacity > 0 ? String.format(Locale.ROOT, "%.0f %%", 100 * cpu / capacity) : "-",
                holds > 0 ? String.format(Locale.ROOT, "%.2f", 1000 * cpu / holds) : "-"));
    }

    private static String pcts(JsonNode p) {
        return p.has("p50") ? String.format(Locale.ROOT, "%,d / %,d / %,d", p.path("p50").asLong(), p.path("p95").asLong(), p.path("p99").asLong()) : "-";
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%,.1f", n.asDouble()).replace(".0", "") : "-";
    }

    private static String ratio(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() && b.asDouble() > 0 ? String.format(Locale.ROOT, "%.2f×", a.asDouble() / b.asDouble()) : "-";
    }

    private static String times(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.2f×", n.asDouble()) : "-";
    }
}
