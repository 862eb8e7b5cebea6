package org.marquee.search;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.search.engine.environment.bean.BeanReference;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.AnnotatedTypeSource;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.marquee.outbox.OutboxChange;
import org.marquee.outbox.OutboxConsumer;
import org.marquee.outbox.OutboxPosition;
import org.marquee.outbox.OutboxReader;
import org.marquee.outbox.OutboxRelay;

/**
 * This node's search index: the Hibernate Search mapping (standalone POJO mapper, Lucene backend, one
 * index per node under {@code ${com.sun.aas.instanceRoot}/marquee-index}) and its life cycle.
 *
 * <p>At start-up the index is checked against the node's durable outbox offset
 * ({@code outbox_consumer_offset}, keyed by the {@code marquee.node} name). If the offset is missing,
 * the directory is missing or belongs to another database (its generation differs), the mapping
 * changed, or the index is too far behind the outbox, the index is rebuilt from PostgreSQL in batches
 * on a managed executor: deployment does not wait, and readiness reports the progress until it is done.
 * Otherwise the node catches up from its offset. Either way it then registers with the
 * {@link OutboxRelay}, which feeds it every committed change in order (searchable within about a second).
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "OutboxRelay"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SearchIndex {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());

    /** Raise when {@link EventDocument}'s mapping or the analysis changes: every node rebuilds once. */
    public static final int MAPPING_VERSION = 4;

    static final String MARKER = "marquee-index.properties";
    private static final String HIBERNATE_SEARCH = "hibernate.search.";

    private int rebuildBatch;
    /** At start-up, an index further behind the outbox than this is rebuilt rather than caught up. */
    private int maxCatchUp;
    /** Readiness: behind by more entries than this, or with an older unapplied change, is not ready. */
    private int readyMaxBacklog;
    private Duration readyMaxAge;

    public enum State { STARTING, REBUILDING, READY, FAILED, STOPPED }

    /** What readiness and operators see. */
    public record Status(State state, boolean ready, String node, String directory, String position, long backlog,
                         boolean backlogCapped, long lagSeconds, long rebuildDone, long rebuildTotal, String detail) {
    }

    @EJB
    private SearchIndexer indexer;

    @EJB
    private OutboxReader reader;

    @EJB
    private OutboxRelay relay;

    @Resource
    private ManagedExecutorService executor;

    private CloseableSearchMapping mapping;
    private Path root;
    private String node;
    private boolean localDirectory;
    private final Consumer consumer = new Consumer();

    private volatile State state = State.STARTING;
    private volatile String detail = "";
    private volatile OutboxPosition position;
    private volatile UUID generation;
    private volatile long rebuildDone;
    private volatile long rebuildTotal;
    private volatile boolean stopping;
    private volatile Future<?> rebuild;
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private final SearchCache answers = new SearchCache();

    @PostConstruct
    void start() {
        Config config = ConfigProvider.getConfig();
        rebuildBatch = config.getOptionalValue("marquee.search.rebuildBatch", Integer.class).orElse(5000);
        maxCatchUp = config.getOptionalValue("marquee.search.maxCatchUp", Integer.class).orElse(50_000);
        readyMaxBacklog = config.getOptionalValue("marquee.search.readyMaxBacklog", Integer.class).orElse(1000);
        readyMaxAge = Duration.ofSeconds(config.getOptionalValue("marquee.search.readyMaxLagSeconds", Integer.class).orElse(30));
        node = config.getOptionalValue("marquee.node", String.class).orElse("local");
        String backendType = config.getOptionalValue(HIBERNATE_SEARCH + "backend.type", String.class).orElse("lucene");
        localDirectory = "lucene".equals(backendType);
        // the domain's directory (a JVM property Payara sets), else the JVM's temporary directory
        String home = config.getOptionalValue("com.sun.aas.instanceRoot", String.class)
                .orElseGet(() -> config.getValue("java.io.tmpdir", String.class));
        root = Path.of(config.getOptionalValue("marquee.search.indexDir", String.class).orElse(home + "/marquee-index"));

        // look at what is on disk before the mapping creates an empty index there
        Properties marker = readMarker();
        boolean indexPresent = !localDirectory || Files.isDirectory(root.resolve(EventDocument.INDEX));
        mapping = buildMapping(config, backendType);

        SearchIndexer.StoredOffset offset = indexer.offset(node);
        String stale = staleness(offset, marker, indexPresent);
        if (stale == null) {
            position = offset.position();
            generation = offset.generation();
            state = State.READY;
            detail = "caught up from the recorded offset";
            LOG.info(() -> "Search index of node " + node + " at " + root + " is current; catching up from outbox position " + position);
            relay.register(consumer);
        } else {
            state = State.REBUILDING;
            detail = "rebuilding: " + stale;
            LOG.info(() -> "Search index of node " + node + " at " + root + " will be rebuilt from PostgreSQL: " + stale);
            rebuild = executor.submit(this::rebuildUntilDone);
        }
    }

    private CloseableSearchMapping buildMapping(Config config, String backendType) {
        Map<String, Object> properties = new HashMap<>();
        if (localDirectory) {
            properties.put("hibernate.search.backend.directory.root", root.toString());
            properties.put("hibernate.search.backend.lucene_version", "LATEST");
            properties.put("hibernate.search.backend.analysis.configurer", BeanReference.ofInstance(new MarqueeAnalysis()));
            // fewer, larger flushes while rebuilding (Lucene's default is 16 MB)
            properties.put("hibernate.search.backend.io.writer.ram_buffer_size", "64");
        }
        // any hibernate.search.* setting wins: that is how another backend (Elasticsearch, OpenSearch) is
        // chosen and configured without a code change (docs/search.md)
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(HIBERNATE_SEARCH)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> properties.put(name, v));
            }
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(SearchIndex.class.getClassLoader());
        try {
            Instant t0 = Instant.now();
            CloseableSearchMapping built = SearchMapping.builder(AnnotatedTypeSource.fromClasses(EventDocument.class))
                    .properties(properties).build();
            LOG.info(() -> "Hibernate Search mapping started (" + backendType + " backend) in "
                    + Duration.between(t0, Instant.now()).toMillis() + " ms");
            return built;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Why the index on disk cannot simply catch up, or null when it can. */
    private String staleness(SearchIndexer.StoredOffset offset, Properties marker, boolean indexPresent) {
        if (offset == null) {
            return "no recorded outbox offset for node " + node;
        }
        if (!indexPresent || (localDirectory && marker == null)) {
            return "index directory missing or incomplete";
        }
        if (localDirectory && !offset.generation().toString().equals(marker.getProperty("generation"))) {
            return "index generation " + marker.getProperty("generation") + " does not match the database's " + offset.generation();
        }
        if (localDirectory && !String.valueOf(MAPPING_VERSION).equals(marker.getProperty("mappingVersion"))) {
            return "mapping version changed from " + marker.getProperty("mappingVersion") + " to " + MAPPING_VERSION;
        }
        OutboxReader.Backlog backlog = reader.backlog(offset.position(), maxCatchUp);
        if (backlog.capped()) {
            return "more than " + maxCatchUp + " outbox entries behind";
        }
        return null;
    }

    private void rebuildUntilDone() {
        Duration wait = Duration.ofSeconds(10);
        while (!stopping) {
            try {
                rebuildOnce();
                return;
            } catch (RuntimeException | Error e) {
                if (stopping) {
                    return;
                }
                state = State.FAILED;
                detail = "rebuild failed (" + e + "); retrying in " + wait.toSeconds() + " s";
                LOG.log(Level.SEVERE, "Search index rebuild failed; retrying in " + wait.toSeconds() + " s", e);
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : wait.multipliedBy(2);
                state = State.REBUILDING;
            }
        }
    }

    /**
     * Rebuilds the whole index. The outbox position is taken first: every transaction below it has
     * finished, so the batches (read afterwards) see its changes; everything after it is applied from the
     * outbox once the rebuild is done. Entries seen twice are harmless (applying is idempotent).
     */
    private void rebuildOnce() {
        Instant t0 = Instant.now();
        UUID newGeneration = UUID.randomUUID();
        deleteMarker();
        OutboxPosition from = reader.horizon();
        rebuildTotal = indexer.countEvents();
        rebuildDone = 0;
        try (SearchSession session = mapping.createSession()) {
            session.workspace().purge();
        }
        LOG.info(() -> "Search index rebuild started: " + rebuildTotal + " events, batches of " + rebuildBatch + ", outbox from " + from);
        UUID after = null;
        Instant lastLog = Instant.now();
        // a pipeline: while the writer threads analyse and write one batch, this thread reads the next one
        // from PostgreSQL; at most two batches are in flight, and the index is committed once, at the end
        java.util.concurrent.CompletableFuture<Void> writing = java.util.concurrent.CompletableFuture.completedFuture(null);
        int writingSize = 0;
        while (!stopping) {
            List<EventDocument> batch = indexer.batchAfter(after, rebuildBatch);
            writing.join();
            rebuildDone += writingSize;
            if (batch.isEmpty()) {
                break;
            }
            writing = indexer.submit(mapping, batch);
            writingSize = batch.size();
            after = batch.get(batch.size() - 1).getId();
            if (Duration.between(lastLog, Instant.now()).toSeconds() >= 10) {
                lastLog = Instant.now();
                long done = rebuildDone;
                long seconds = Math.max(1, Duration.between(t0, lastLog).toSeconds());
                long rate = Math.max(1, done / seconds);
                LOG.info(() -> "Search index rebuild: " + done + " of " + rebuildTotal + " events (" + rate + " a second, about "
                        + Math.max(0, rebuildTotal - done) / rate + " s to go; heap used " + heapUsedMegabytes() + " MB)");
            }
        }
        writing.join();
        if (stopping) {
            LOG.info("Search index rebuild stopped by shutdown; the next start rebuilds again");
            return;
        }
        try (SearchSession session = mapping.createSession()) {
            session.workspace().flush();
            session.workspace().refresh();
        }
        indexer.saveOffset(node, from, newGeneration);
        writeMarker(newGeneration);
        generation = newGeneration;
        position = from;
        version.incrementAndGet();
        state = State.READY;
        long millis = Duration.between(t0, Instant.now()).toMillis();
        long bytes = indexBytes();
        detail = "rebuilt " + rebuildDone + " events in " + millis + " ms; index " + bytes / (1024 * 1024) + " MB";
        LOG.info(() -> "Search index rebuild done: " + rebuildDone + " events in " + millis + " ms; following the outbox from " + from
                + "; index " + bytes + " bytes, heap used " + heapUsedMegabytes() + " MB");
        relay.register(consumer);
        if (localDirectory) {
            mergeSegments(); // a remote backend (Elasticsearch, OpenSearch) manages its own segments
        }
    }

    /**
     * Merges the freshly rebuilt index into one segment, while searches go on over the segments the rebuild
     * wrote. Every search pays a fixed cost per segment (looking its words up, setting up its scorers and
     * filters, mapping its facet values), and a rebuild leaves a dozen or more.
     */
    private void mergeSegments() {
        Instant t0 = Instant.now();
        try (SearchSession session = mapping.createSession()) {
            session.workspace().mergeSegments();
            session.workspace().flush(); // committed: the rebuild's segments are deleted now, not at the next change
            session.workspace().refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Search index: merging the rebuilt index into one segment failed; it stays as the rebuild left it", e);
            return;
        }
        long millis = Duration.between(t0, Instant.now()).toMillis();
        long bytes = indexBytes();
        detail = detail + "; merged into one segment in " + millis + " ms";
        LOG.info(() -> "Search index merged into one segment in " + millis + " ms; index " + bytes + " bytes");
    }

    @PreDestroy
    void stop() {
        stopping = true;
        relay.unregister(consumer);
        Future<?> running = rebuild;
        if (running != null && !running.isDone()) {
            try {
                running.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                running.cancel(false); // no interrupt: Lucene must not be interrupted mid-write
            }
        }
        synchronized (consumer) {
            state = State.STOPPED;
            if (mapping != null) {
                mapping.close();
            }
        }
    }

    /** The size of the index on disk (0 when another backend holds it). */
    public long indexBytes() {
        if (!localDirectory || mapping == null) {
            return 0;
        }
        try {
            return mapping.indexManager(EventDocument.INDEX).unwrap(org.hibernate.search.backend.lucene.index.LuceneIndexManager.class)
                    .computeSizeInBytes();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long heapUsedMegabytes() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / (1024 * 1024);
    }

    /** The heap the JVM's last collections left in use (what the node holds, without the garbage): bytes. */
    public static long heapLiveBytes() {
        long live = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            java.lang.management.MemoryUsage after = pool.getType() == java.lang.management.MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (after != null) {
                live += after.getUsed();
            }
        }
        return live;
    }

    /** The mapping to search with. */
    public SearchMapping mapping() {
        return mapping;
    }

    /** Whether this node's index is its own Lucene directory (else a remote backend: Elasticsearch, OpenSearch). */
    public boolean lucene() {
        return localDirectory;
    }

    /** Changes whenever the index does (after every applied batch and rebuild step). */
    public long version() {
        return state == State.READY ? version.get() : version.incrementAndGet();
    }

    public SearchCache answers() {
        return answers;
    }

    public State state() {
        return state;
    }

    public Status status() {
        State s = state;
        OutboxPosition p = position;
        long backlog = 0;
        boolean capped = false;
        long lag = 0;
        String d = detail;
        if (s == State.READY && p != null) {
            try {
                OutboxReader.Backlog b = reader.backlog(p, readyMaxBacklog);
                backlog = b.entries();
                capped = b.capped();
                lag = b.oldest().toSeconds();
            } catch (RuntimeException e) {
                return new Status(s, false, node, root.toString(), String.valueOf(p), -1, false, -1, rebuildDone, rebuildTotal,
                        "cannot read the outbox: " + e);
            }
        }
        boolean ready = s == State.READY && !capped && lag <= readyMaxAge.toSeconds();
        if (s == State.READY && !ready) {
            d = "behind the outbox: " + (capped ? "more than " + readyMaxBacklog : String.valueOf(backlog)) + " entries, oldest " + lag + " s";
        }
        return new Status(s, ready, node, root.toString(), String.valueOf(p), backlog, capped, lag, rebuildDone, rebuildTotal, d);
    }

    /** Feeds outbox batches to the index; registered with the relay once the index is current. */
    private final class Consumer implements OutboxConsumer {
        @Override
        public String name() {
            return "search index of node " + node;
        }

        @Override
        public OutboxPosition position() {
            return position;
        }

        @Override
        public void accept(List<OutboxChange> changes, OutboxPosition upTo) {
            synchronized (this) {
                if (stopping) {
                    throw new IllegalStateException("search index is stopping");
                }
                if (indexer.apply(mapping, changes, upTo, node, generation) > 0) {
                    version.incrementAndGet();
                }
                position = upTo;
            }
        }
    }

    private Properties readMarker() {
        Path file = root.resolve(MARKER);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return p;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot read " + file, e);
            return null;
        }
    }

    private void writeMarker(UUID gen) {
        if (!localDirectory) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("generation", gen.toString());
        p.setProperty("mappingVersion", String.valueOf(MAPPING_VERSION));
        p.setProperty("node", node);
        p.setProperty("rebuiltAt", Instant.now().toString());
        try {
            Files.createDirectories(root);
            Path tmp = root.resolve(MARKER + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "Marquee search index: the generation must match outbox_consumer_offset of this node");
            }
            Files.move(tmp, root.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteMarker() {
        try {
            Files.deleteIfExists(root.resolve(MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
