package org.marquee.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Waits, after {@code tools/search-data} has loaded the search events and restarted the node without its
 * index, until {@code /health/ready} reports the {@code search-index} check UP, then adds the rebuild's
 * figures to {@code search-data.json}: the node's own account of the rebuild (events and milliseconds,
 * from its "Search index rebuild done" log line), the time from the restart to readiness, and the index
 * size on disk. Without {@code search-data.json} (no search events) it does nothing.
 */
public final class SearchIndexReady {

    public static final String FILE = "search-data.json";
    private static final Pattern DONE = Pattern.compile("Search index rebuild done: (\\d+) events in (\\d+) ms");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchIndexReady() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Bench.out().resolve(FILE);
        if (!Files.exists(file)) {
            System.out.println("[bench] no search data: the search index is not timed");
            return;
        }
        ObjectNode data = (ObjectNode) JSON.readTree(file.toFile());
        Instant restarted = Instant.parse(data.path("reindexStartedAt").asText());
        Duration limit = Duration.ofSeconds(Long.getLong("bench.search.readyTimeoutSeconds", 1800));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI ready = URI.create(Bench.baseUrl() + "/health/ready");
        String last = "";
        while (true) {
            JsonNode check = searchCheck(http, ready);
            if (check != null && "UP".equals(check.path("status").asText())) {
                break;
            }
            String progress = check == null ? "not answering yet" : check.path("data").path("rebuilt").asText(check.path("data").path("detail").asText());
            if (!progress.equals(last)) {
                System.out.println("[bench] search index: " + progress);
                last = progress;
            }
            if (Duration.between(restarted, Instant.now()).compareTo(limit) > 0) {
                throw new IllegalStateException("the search index was not ready " + limit.toSeconds() + " s after the restart: " + progress);
            }
            Thread.sleep(2000);
        }
        data.put("readyAfterSeconds", Duration.between(restarted, Instant.now()).toSeconds());
        Path log = Path.of(System.getProperty("marquee.bench.server.log"));
        Matcher done = lastMatch(log);
        if (done != null) {
            data.put("rebuiltEvents", Long.parseLong(done.group(1)));
            data.put("rebuildMillis", Long.parseLong(done.group(2)));
        }
        Path index = Path.of(System.getProperty("marquee.bench.index.dir"));
        if (Files.isDirectory(index)) {
            try (Stream<Path> files = Files.walk(index)) {
                data.put("indexBytes", files.filter(Files::isRegularFile).mapToLong(SearchIndexReady::size).sum());
            }
        }
        data.put("loadAverageWhenReady", Machine.loadAverage());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), data);
        System.out.println("[bench] search index ready: " + data);
    }

    private static JsonNode searchCheck(HttpClient http, URI ready) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : JSON.readTree(r.body()).path("checks")) {
                if ("search-index".equals(check.path("name").asText())) {
                    return check;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Matcher lastMatch(Path log) throws IOException {
        if (!Files.exists(log)) {
            return null;
        }
        Matcher found = null;
        List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String line : lines) {
            Matcher m = DONE.matcher(line);
            if (m.find()) {
                found = m;
            }
        }
        return found;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
