package org.marquee.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the time goes while a scenario runs, measured from outside the server: CPU time of the Payara
 * JVM, of the bench database's PostgreSQL backends, of the payment simulator and its ledger's backends,
 * of PostgreSQL's shared background processes, of the load generator and of the whole machine (deltas
 * of {@code /proc}), and what the
 * bench database's backends are doing, sampled every 100 ms from {@code pg_stat_activity} (on CPU, lock
 * wait, WAL flush, waiting for the application inside a transaction, idle). Linux only; on any other
 * system the figures are simply absent.
 */
final class ServerProbe implements AutoCloseable {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    /** The process groups, as {@link #result()} names them. */
    static final String PAYARA = "Payara (Marquee)";
    static final String MARQUEE_DATABASE = "PostgreSQL backends of Marquee's database";
    static final String SIMULATOR = "payment simulator";
    static final String SIMULATOR_DATABASE = "PostgreSQL backends of the simulator's ledger";
    static final String DATABASE_BACKGROUND = "PostgreSQL background (WAL writer, checkpointer, autovacuum; shared)";
    static final String LOAD_GENERATOR = "load generator (this JVM)";

    private final String database;
    private final Map<String, Long> cpuAtStart;
    private final long[] machineAtStart;
    private final long startNanos = System.nanoTime();
    private final Map<String, Long> activity = new TreeMap<>();
    private final Map<String, Long> dbStatsAtStart;
    private final Thread sampler;
    private volatile boolean running = true;
    private long samples;

    ServerProbe(String database) {
        this.database = database;
        this.cpuAtStart = processCpu();
        this.machineAtStart = machineCpu();
        this.dbStatsAtStart = dbStats();
        this.sampler = new Thread(this::sample, "server probe");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    /** CPU seconds per process group since the start, the machine's busy and total CPU seconds, and the activity samples. */
    Map<String, Object> result() {
        running = false;
        try {
            sampler.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Long> cpuAtEnd = processCpu();
        long[] machine = machineCpu();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", round(seconds));
        Map<String, Object> cpu = new LinkedHashMap<>();
        Map<String, Double> groups = new LinkedHashMap<>();
        cpuAtEnd.forEach((key, ticks) -> {
            String group = key.substring(0, key.indexOf('#'));
            long delta = ticks - cpuAtStart.getOrDefault(key, 0L);
            groups.merge(group, delta / TICKS_PER_SECOND, Double::sum);
        });
        groups.replaceAll((k, v) -> round(v));
        cpu.put("cpuSecondsByProcess", groups);
        if (machine != null && machineAtStart != null) {
            double busy = (machine[0] - machineAtStart[0]) / TICKS_PER_SECOND;
            double total = (machine[1] - machineAtStart[1]) / TICKS_PER_SECOND;
            cpu.put("machineBusyCpuSeconds", round(busy));
            cpu.put("machineCpuSeconds", round(total));
            double ours = groups.values().stream().mapToDouble(Double::doubleValue).sum();
            cpu.put("otherProcessesCpuSeconds", round(Math.max(0, busy - ours)));
        }
        result.put("cpu", cpu);
        Map<String, Object> act = new LinkedHashMap<>();
        act.put("samples", samples);
        act.put("backendSamplesByState", new LinkedHashMap<>(activity));
        result.put("activity", act);
        Map<String, Long> dbAtEnd = dbStats();
        Map<String, Long> dbDelta = new LinkedHashMap<>();
        dbAtEnd.forEach((k, v) -> dbDelta.put(k, v - dbStatsAtStart.getOrDefault(k, 0L)));
        result.put("pgStatDatabase", dbDelta);
        return result;
    }

    @Override
    public void close() {
        running = false;
    }

    private void sample() {
        String url = System.getProperty("marquee.bench.db.url");
        if (url == null) {
            return;
        }
        try (Connection db = DriverManager.getConnection(url, System.getProperty("marquee.bench.db.user"),
                System.getProperty("marquee.bench.db.password")); Statement s = db.createStatement()) {
            while (running) {
                try (ResultSet r = s.executeQuery("""
                        select case
                                 when state = 'idle' then 'idle (no transaction)'
                                 when state like 'idle in transaction%' then 'idle in transaction (waiting for the application)'
                                 when wait_event_type is null then 'active: on CPU'
                                 when wait_event_type = 'Lock' then 'active: lock wait (' || wait_event || ')'
                                 when wait_event_type = 'IO' and wait_event like 'WAL%' then 'active: WAL (' || wait_event || ')'
                                 else 'active: ' || wait_event_type || ' (' || wait_event || ')'
                               end, count(*)
                          from pg_stat_activity
                         where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()
                         group by 1""")) {
                    synchronized (activity) {
                        while (r.next()) {
                            activity.merge(r.getString(1), r.getLong(2), Long::sum);
                        }
                        samples++;
                    }
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            activity.put("sampling failed: " + e.getMessage(), 0L);
        }
    }

    private static Map<String, Long> dbStats() {
        String url = System.getProperty("marquee.bench.db.url");
        Map<String, Long> stats = new LinkedHashMap<>();
        if (url == null) {
            return stats;
        }
        try (Connection db = DriverManager.getConnection(url, System.getProperty("marquee.bench.db.user"),
                System.getProperty("marquee.bench.db.password")); Statement s = db.createStatement();
                ResultSet r = s.executeQuery("""
                        select xact_commit, xact_rollback, blks_hit, blks_read, tup_returned, tup_fetched, tup_inserted, tup_updated, deadlocks
                          from pg_stat_database where datname = current_database()""")) {
            if (r.next()) {
                for (String column : new String[] {"xact_commit", "xact_rollback", "blks_hit", "blks_read", "tup_returned", "tup_fetched",
                    "tup_inserted", "tup_updated", "deadlocks"}) {
                    stats.put(column, r.getLong(column));
                }
            }
        } catch (Exception e) {
            // figures absent
        }
        return stats;
    }

    /** utime + stime in ticks of every process of interest, keyed "group#pid". */
    private Map<String, Long> processCpu() {
        Map<String, Long> cpu = new HashMap<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    long pid = Long.parseLong(p.getFileName().toString());
                    String group = null;
                    if (pid == self) {
                        group = LOAD_GENERATOR;
                    } else if (cmd.contains("java") && cmd.contains("-domainname " + System.getProperty("marquee.bench.domain", "marquee-bench") + " ")) {
                        group = PAYARA;
                    } else if (cmd.contains("java") && cmd.contains("marquee-payment-simulator")) {
                        group = SIMULATOR;
                    } else if (cmd.startsWith("postgres: ") && cmd.contains(" " + database + "_provider ")) {
                        // before Marquee's: a backend's title names its user too, which may be Marquee's database name
                        group = SIMULATOR_DATABASE;
                    } else if (cmd.startsWith("postgres: ") && cmd.contains(" " + database + " ")) {
                        group = MARQUEE_DATABASE;
                    } else if (cmd.startsWith("postgres: ") && (cmd.contains("walwriter") || cmd.contains("checkpointer")
                            || cmd.contains("background writer") || cmd.contains("autovacuum") || cmd.contains("wal writer"))) {
                        group = DATABASE_BACKGROUND;
                    }
                    if (group != null) {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        cpu.put(group + "#" + pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone, or not ours to read
                }
            });
        } catch (IOException e) {
            // not Linux
        }
        return cpu;
    }

    /** Busy and total ticks of the whole machine (first line of /proc/stat), or null. */
    private static long[] machineCpu() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
