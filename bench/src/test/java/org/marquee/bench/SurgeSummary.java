package org.marquee.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;

/**
 * The surge section of summary.md: queue-endpoint latencies against the baseline's at the nearest
 * arrival rate, the buyers' admissions, holds and purchases, refusals, and the sold-seat audit.
 */
final class SurgeSummary {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final long P99_TARGET_MILLIS = 100;

    private SurgeSummary() {
    }

    /** The baseline's open phase whose rate is nearest the pollers' (null if there is none). */
    static Summary.Phase baselinePhase(Summary.Scenario baseline, int rate) {
        if (baseline == null) {
            return null;
        }
        Summary.Phase best = null;
        for (Summary.Phase p : baseline.phases()) {
            if (p.phase().open() && !p.phase().warmUp() && p.stats() != null
                    && (best == null || Math.abs(p.phase().level() - rate) < Math.abs(best.phase().level() - rate))) {
                best = p;
            }
        }
        return best;
    }

    static String markdown(Map<String, Object> surge, String loadAverage) {
        JsonNode all = JSON.valueToTree(surge);
        JsonNode data = all.path("data");
        JsonNode app = all.path("application");
        JsonNode db = all.path("database");
        JsonNode base = all.path("baseline");
        StringBuilder md = new StringBuilder("## surge\n\n");
        md.append(String.format(Locale.ROOT, "One event of %,d general-admission places behind a waiting room of **%,d queued places** "
                        + "(%,d of them real buyers with accounts and tokens who joined through the API; the others inserted with SQL), "
                        + "all taken before the sale opened, then shuffled at the opening and admitted at %,d a minute (the whole queue in %s s). "
                        + "Load average at its start: %s.%n%n",
                data.path("places").asInt(), data.path("queued").asInt(), data.path("buyers").asInt(), data.path("admitPerMinute").asInt(),
                data.path("drainSeconds").asText(), loadAverage));
        if (app.isMissingNode() || app.isNull()) {
            return md.append("The surge simulation wrote no results (see the build log).\n\n").toString();
        }
        md.append(String.format(Locale.ROOT, "Pollers: `GET /api/v1/queue/{ticket}` of a random queued place, %d a second (a sample of the crowd, "
                        + "open model) for %s s before the opening and %s s after it. Buyers poll their own tickets (waiting what "
                        + "`estimatedWaitSeconds` says, 1–10 s), then hold 1–4 places with `Marquee-Admission` and confirm with `tok_visa`, "
                        + "up to %d times each.%n%n",
                app.path("pollRate").asInt(), app.path("leadSeconds").asText(), app.path("drainSeconds").asText(), app.path("purchasesPerBuyer").asInt()));

        md.append("| queue endpoint | requests | p50 | p95 | p99 | max | p99 ÷ baseline p99 | p99 < 100 ms |\n|---|--:|--:|--:|--:|--:|--:|:-:|\n");
        if (app.has("pollsWarmingUpMillis")) {
            row(md, "pollers, warming up (the first " + app.path("warmUpSeconds").asText() + " s of the lead, not held to the target)",
                    app.path("pollsWarmingUpMillis"), base);
        }
        row(md, "pollers, before the opening" + (app.has("warmUpSeconds") ? " (after the warm-up)" : ""), app.path("pollsBeforeOpeningMillis"), base);
        row(md, "pollers, first " + app.path("openingWindowSeconds").asText() + " s after the opening (places numbered and read by the node)",
                app.path("pollsAtOpeningMillis"), base);
        row(md, "pollers, after that, while admitting and selling", app.path("pollsAfterOpeningMillis"), base);
        row(md, "buyers' own polls", app.path("buyerPollsMillis"), base);
        if (!base.isMissingNode() && !base.isNull()) {
            md.append(String.format(Locale.ROOT, "| baseline `GET /health/live` at %s requests/s | %,d | %s | %s | %s | %s | | |%n",
                    base.path("rate").asText(), base.path("requests").asLong(), ms(base.path("p50")), ms(base.path("p95")), ms(base.path("p99")),
                    ms(base.path("max"))));
        }
        md.append("\nPollers' p50 / p99 (ms) by 10 s from the opening: ");
        StringBuilder line = new StringBuilder();
        for (JsonNode bucket : app.path("pollsBySecondsFromOpening")) {
            if (bucket.has("p99")) {
                line.append(line.length() == 0 ? "" : ", ").append(bucket.path("fromSecond").asText()).append(" s: ")
                        .append(bucket.path("p50").asText()).append(" / ").append(bucket.path("p99").asText());
            }
        }
        md.append(line).append(".\n");
        md.append("\nPollers' p50 / p99 (ms) by second from the opening, over the lead and the opening window: ");
        line.setLength(0);
        for (JsonNode bucket : app.path("pollsBySecondAroundOpening")) {
            if (bucket.has("p99")) {
                line.append(line.length() == 0 ? "" : ", ").append(bucket.path("fromSecond").asText()).append(" s: ")
                        .append(bucket.path("p50").asText()).append(" / ").append(bucket.path("p99").asText());
            }
        }
        md.append(line).append(".\n");
        md.append(String.format(Locale.ROOT, "%nQueue answers seen by the pollers: %s.%n", app.path("pollStatuses")));
        md.append(String.format(Locale.ROOT, "Queue polls the server answered from PostgreSQL (`marquee_queue_ticket_reads_total`): %s.%n%n",
                app.path("queueTicketReads").isNumber() ? String.format(Locale.ROOT, "%,d", app.path("queueTicketReads").asLong()) : "not reported"));

        md.append("| booking path | value |\n|---|--:|\n");
        md.append(String.format(Locale.ROOT, "| buyers admitted / expired | %,d / %,d of %,d |%n", app.path("admitted").asLong(), app.path("expired").asLong(),
                app.path("buyers").asLong()));
        md.append(String.format(Locale.ROOT, "| admission seen after the admitted time, p50 / p95 / p99 | %s ms |%n", pcts(app.path("admissionLagMillis"))));
        md.append(String.format(Locale.ROOT, "| holds (201) / places held | %,d / %,d |%n", app.path("holds").asLong(), app.path("heldPlaces").asLong()));
        md.append(String.format(Locale.ROOT, "| purchases (200 PAID) / places | %,d / %,d |%n", app.path("purchases").asLong(), app.path("soldPlaces").asLong()));
        md.append(String.format(Locale.ROOT, "| holds/s, purchases/s (from the first hold to the last) | %s, %s |%n", num(app.path("holdsPerSecond")),
                num(app.path("purchasesPerSecond"))));
        md.append(String.format(Locale.ROOT, "| hold p50 / p95 / p99 (201s) | %s ms |%n", pcts(app.path("holdLatencyMillis"))));
        md.append(String.format(Locale.ROOT, "| confirm p50 / p95 / p99 (200s) | %s ms |%n", pcts(app.path("confirmLatencyMillis"))));
        md.append(String.format(Locale.ROOT, "| hold answers by status (403 NOT_ADMITTED, 429 RATE_LIMITED must be absent) | %s |%n", app.path("holdStatuses")));
        md.append(String.format(Locale.ROOT, "| confirm answers by status | %s |%n", app.path("confirmStatuses")));
        md.append(String.format(Locale.ROOT, "| sold out | %s |%n%n", app.path("soldOut").asBoolean()
                ? "yes, " + app.path("soldOutAfterOpeningSeconds").asText() + " s after the opening" : "no"));

        if (db.isMissingNode() || db.isNull()) {
            md.append("No sold-seat audit (see the build log).\n\n");
        } else {
            md.append(String.format(Locale.ROOT, "Sold-seat audit after the domain stopped (every line must be 0): %s; oversold: %s. "
                            + "The event's places by status: %s; its bookings: %s.%n%n",
                    db.path("audit"), db.path("oversold"), db.path("places"), db.path("bookings")));
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, JsonNode p, JsonNode base) {
        if (!p.has("p99")) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | | | | | | |%n", name, p.path("count").asLong()));
            return;
        }
        long p99 = p.path("p99").asLong();
        String ratio = base.has("p99") && base.path("p99").asLong() > 0
                ? String.format(Locale.ROOT, "%.1f×", (double) p99 / base.path("p99").asLong()) : "";
        md.append(String.format(Locale.ROOT, "| %s | %,d | %d ms | %d ms | **%d ms** | %d ms | %s | %s |%n", name, p.path("count").asLong(),
                p.path("p50").asLong(), p.path("p95").asLong(), p99, p.path("max").asLong(), ratio, p99 < P99_TARGET_MILLIS ? "yes" : "**no**"));
    }

    private static String pcts(JsonNode p) {
        return p.has("p50") ? p.path("p50").asText() + " / " + p.path("p95").asText() + " / " + p.path("p99").asText() : "-";
    }

    private static String ms(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? "-" : v.asText() + " ms";
    }

    private static String num(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? "-" : v.asText();
    }
}
