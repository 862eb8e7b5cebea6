package org.marquee.cache;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * The node's embedded Infinispan cache manager (configuration: marquee-infinispan.xml). Caches are
 * accelerators only: PostgreSQL stays the arbiter of every decision, so losing a cache costs time,
 * never correctness.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CacheContainer {

    public static final String EVENT_VIEWS = "event-views";
    public static final String EVENT_COUNTS = "event-counts";
    public static final String SEAT_HOLDS = "seat-holds";
    public static final String QUEUE_TICKETS = "queue-tickets";
    public static final String LOGIN_FAILURES = "login-failures";

    private static final Logger LOG = Logger.getLogger(CacheContainer.class.getName());

    private EmbeddedCacheManager manager;

    @PostConstruct
    void start() {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(CacheContainer.class.getClassLoader());
        try {
            manager = new DefaultCacheManager("marquee-infinispan.xml");
            manager.getCache(EVENT_VIEWS);
            manager.getCache(EVENT_COUNTS);
            manager.getCache(SEAT_HOLDS);
            manager.getCache(QUEUE_TICKETS);
            manager.getCache(LOGIN_FAILURES);
            LOG.info(() -> "Infinispan started: cluster " + manager.getClusterName() + ", members " + manager.getMembers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @PreDestroy
    void stop() {
        if (manager != null) {
            manager.stop();
        }
    }

    public <K, V> Cache<K, V> cache(String name) {
        return manager.getCache(name);
    }

    public int clusterSize() {
        return manager.getMembers() == null ? 1 : manager.getMembers().size();
    }

    public String clusterName() {
        return manager.getClusterName();
    }

    /** The names of the nodes in this node's current cluster view (only itself when it runs alone). */
    public List<String> members() {
        return manager.getMembers() == null ? List.of(String.valueOf(manager.getAddress())) : manager.getMembers().stream().map(String::valueOf).toList();
    }
}
