package org.marquee.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the statistics table of a Gatling HTML report ({@code index.html}): one row per request name,
 * with counts and response-time percentiles in milliseconds. Gatling 3.15 writes {@code simulation.log}
 * in a binary format and no JSON statistics, while this table carries exactly the figures of its console
 * summary. Columns are found by their header text ("Total", "50th pct", ...), not by position; a report
 * that does not have them is an error, not a silent zero. The one place tied to Gatling's report format.
 */
public final class GatlingReport {

    /** One row of the table; a response time is null where Gatling shows "-" (no such response). */
    public record Stats(long total, long ok, long ko, Long min, Long p50, Long p95, Long p99, Long p999, Long max, Long mean) {
    }

    /** The statistics of every request name (and {@link #ALL_REQUESTS}), and the errors with their counts. */
    public record Report(Map<String, Stats> requests, Map<String, Long> errors) {
    }

    public static final String ALL_REQUESTS = "All Requests";

    private static final Pattern HEADER = Pattern.compile("<th id=\"col-(\\d+)\"[^>]*>(.*?)</th>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr id=\"[^\"]+\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)<");
    private static final Pattern CELL = Pattern.compile("<td class=\"value [^\"]*col-(\\d+)\">([^<]*)</td>");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern ERROR = Pattern.compile(
            "<td class=\"error-col-1[^\"]*\">(.*?)<span.*?<td class=\"value error-col-2[^\"]*\">([^<]*)</td>", Pattern.DOTALL);

    private GatlingReport() {
    }

    /** The report's statistics, request names in the report's order, errors most frequent first. */
    public static Report read(Path indexHtml) throws IOException {
        String html = Files.readString(indexHtml);
        Map<String, String> columns = new HashMap<>();
        Matcher header = HEADER.matcher(html);
        while (header.find()) {
            columns.put(TAG.matcher(header.group(2)).replaceAll("").strip(), header.group(1));
        }
        Map<String, Stats> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(1));
            if (!name.find()) {
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.put(cell.group(1), cell.group(2).strip());
            }
            rows.put(unescape(name.group(1).strip()), new Stats(
                    count(columns, cells, "Total"), count(columns, cells, "OK"), count(columns, cells, "KO"),
                    millis(columns, cells, "Min"), millis(columns, cells, "50th pct"), millis(columns, cells, "95th pct"),
                    millis(columns, cells, "99th pct"), millis(columns, cells, "99.9th pct"), millis(columns, cells, "Max"),
                    millis(columns, cells, "Mean")));
        }
        if (!rows.containsKey(ALL_REQUESTS)) {
            throw new IllegalStateException("no statistics table in " + indexHtml + " (has Gatling's report format changed?)");
        }
        Map<String, Long> errors = new LinkedHashMap<>();
        int table = html.indexOf("id=\"container_errors\"");
        if (table >= 0) {
            Matcher error = ERROR.matcher(html.substring(table));
            while (error.find()) {
                errors.merge(unescape(error.group(1).strip()), Long.parseLong(error.group(2).strip().replace(",", "")), Long::sum);
            }
        }
        return new Report(rows, errors);
    }

    private static long count(Map<String, String> columns, Map<String, String> cells, String column) {
        Long value = millis(columns, cells, column);
        return value == null ? 0 : value;
    }

    private static Long millis(Map<String, String> columns, Map<String, String> cells, String column) {
        String index = columns.get(column);
        if (index == null || !cells.containsKey(index)) {
            throw new IllegalStateException("no column '" + column + "' in the Gatling report (percentiles are set in gatling.conf)");
        }
        String value = cells.get(index).replace(",", "");
        return value.isEmpty() || value.equals("-") ? null : Math.round(Double.parseDouble(value));
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
