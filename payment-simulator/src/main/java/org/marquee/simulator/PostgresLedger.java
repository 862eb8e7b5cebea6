package org.marquee.simulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The ledger in the simulator's own PostgreSQL database (never Marquee's), whose schema it creates
 * itself at start. Every call's write commits with {@code synchronous_commit = on}, so an answered call
 * is on disk; only the "delivered" mark of a webhook commits asynchronously (losing one means a
 * redelivery, which Marquee answers DUPLICATE). A few connections, reused.
 */
final class PostgresLedger implements Ledger {

    private static final String SCHEMA = """
            create table if not exists provider_charge (
              reference text primary key,
              authorisation_key text not null unique,
              amount text not null,
              currency text not null,
              state text not null,
              created_at timestamptz not null default now(),
              updated_at timestamptz not null default now());
            create table if not exists provider_answer (
              idempotency_key text primary key,
              status integer not null,
              body text not null,
              created_at timestamptz not null default now());
            create table if not exists provider_webhook (
              id text primary key,
              body text not null,
              created_at timestamptz not null default clock_timestamp(),
              delivered_at timestamptz,
              abandoned_at timestamptz);
            create index if not exists provider_webhook_owed on provider_webhook (created_at)
              where delivered_at is null and abandoned_at is null;
            """;

    private final String url;
    private final Properties properties = new Properties();
    private final BlockingQueue<Slot> idle;

    PostgresLedger(String url, String user, String password, int poolSize) {
        this.url = url;
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "marquee-payment-simulator");
        properties.setProperty("options", "-c synchronous_commit=on");
        this.idle = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            idle.add(new Slot());
        }
        run(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("select pg_advisory_xact_lock(7302741)"); // two simulators starting at once on one database
                s.execute(SCHEMA);
            }
            return null;
        });
    }

    @Override
    public Answer answer(String idempotencyKey) {
        return once(c -> {
            try (PreparedStatement s = c.prepareStatement("select status, body from provider_answer where idempotency_key = ?")) {
                s.setString(1, idempotencyKey);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? new Answer(rs.getInt(1), rs.getString(2)) : null;
                }
            }
        });
    }

    @Override
    public Charge chargeByAuthorisationKey(String authorisationKey) {
        return one("where authorisation_key = ?", authorisationKey);
    }

    @Override
    public List<Charge> charges() {
        return once(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select reference, authorisation_key, amount, currency, state from provider_charge order by created_at")) {
                return charges(s);
            }
        });
    }

    /**
     * One call's charge, answer and webhooks in one statement, so that they are written together or not
     * at all, and in one round trip.
     */
    private static final String RECORD = """
            with created as (insert into provider_charge (reference, authorisation_key, amount, currency, state)
                             select cast(? as text), cast(? as text), cast(? as text), cast(? as text), cast(? as text) where ?),
                 changed as (update provider_charge set state = cast(? as text), updated_at = now()
                              where reference = cast(? as text) and ?),
                 answered as (insert into provider_answer (idempotency_key, status, body)
                              select cast(? as text), cast(? as integer), cast(? as text) where ?)
            insert into provider_webhook (id, body) select * from unnest(cast(? as text[]), cast(? as text[]))""";

    /**
     * The same for a call that creates its charge (or none), written only if its key has no answer yet:
     * the answer's insert decides, and the rest follows it. Answers the first answer when there is one.
     */
    private static final String RECORD_FIRST = """
            with answered as (insert into provider_answer (idempotency_key, status, body)
                              values (cast(? as text), cast(? as integer), cast(? as text))
                              on conflict (idempotency_key) do nothing returning idempotency_key),
                 created as (insert into provider_charge (reference, authorisation_key, amount, currency, state)
                             select cast(? as text), cast(? as text), cast(? as text), cast(? as text), cast(? as text)
                              where ? and exists (select 1 from answered)),
                 announced as (insert into provider_webhook (id, body)
                               select w.id, w.body from unnest(cast(? as text[]), cast(? as text[])) as w(id, body)
                                where exists (select 1 from answered))
            select exists (select 1 from answered) as written, earlier.status, earlier.body
              from (select 1) as one
              left join provider_answer earlier on earlier.idempotency_key = cast(? as text) and not exists (select 1 from answered)""";

    @Override
    public Answer recordFirst(Entry entry) {
        if (!entry.answer().kept() || (entry.charge() != null && !entry.created())) {
            throw new IllegalArgumentException("only a kept answer creating its charge, or none, is recorded first");
        }
        Written written = once(c -> {
            try (PreparedStatement s = c.prepareStatement(RECORD_FIRST)) {
                s.setString(1, entry.idempotencyKey());
                s.setInt(2, entry.answer().status());
                s.setString(3, entry.answer().body());
                bindCreated(s, 4, entry.charge());
                setEvents(c, s, 10, entry.events());
                s.setString(12, entry.idempotencyKey());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    int status = rs.getInt("status");
                    return new Written(rs.getBoolean("written"), rs.wasNull() ? null : new Answer(status, rs.getString("body")));
                }
            }
        });
        if (written.yes()) {
            return null;
        }
        // no first answer read: it was committed after this statement's snapshot was taken, so read it now
        Answer first = written.first() != null ? written.first() : answer(entry.idempotencyKey());
        if (first == null) {
            throw new LedgerException("the key " + entry.idempotencyKey() + " has an answer that cannot be read", null);
        }
        return first;
    }

    /** What {@link #recordFirst} found: the call written, or the first answer (null if not visible to the statement). */
    private record Written(boolean yes, Answer first) {
    }

    @Override
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Work<Void> write = c -> {
            try (PreparedStatement s = c.prepareStatement(RECORD)) {
                for (Entry entry : entries) {
                    bindRecord(c, s, entry);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        };
        if (entries.size() == 1) {
            once(write);
        } else {
            run(write);
        }
    }

    private static void bindRecord(Connection c, PreparedStatement s, Entry entry) throws SQLException {
        Charge charge = entry.charge();
        Answer answer = entry.answer();
        boolean create = charge != null && entry.created();
        boolean change = charge != null && !entry.created();
        bindCreated(s, 1, create ? charge : null);
        s.setString(7, change ? charge.state() : null);
        s.setString(8, change ? charge.reference() : null);
        s.setBoolean(9, change);
        s.setString(10, answer.kept() ? entry.idempotencyKey() : null);
        s.setInt(11, answer.status());
        s.setString(12, answer.kept() ? answer.body() : null);
        s.setBoolean(13, answer.kept());
        setEvents(c, s, 14, entry.events());
    }

    /** The six parameters of a created charge's insert from {@code first} on: its five columns, then whether there is one. */
    private static void bindCreated(PreparedStatement s, int first, Charge created) throws SQLException {
        s.setString(first, created == null ? null : created.reference());
        s.setString(first + 1, created == null ? null : created.authorisationKey());
        s.setString(first + 2, created == null ? null : created.amount());
        s.setString(first + 3, created == null ? null : created.currency());
        s.setString(first + 4, created == null ? null : created.state());
        s.setBoolean(first + 5, created != null);
    }

    private static void setEvents(Connection c, PreparedStatement s, int first, List<WebhookEvent> events) throws SQLException {
        s.setArray(first, c.createArrayOf("text", events.stream().map(WebhookEvent::id).toArray()));
        s.setArray(first + 1, c.createArrayOf("text", events.stream().map(WebhookEvent::body).toArray()));
    }

    /** First answers and charges in one statement; each row says which of the two it is. */
    private static final String PRIORS = """
            select 'answer' as kind, idempotency_key as name, status, body,
                   null as authorisation_key, null as amount, null as currency, null as state
              from provider_answer where idempotency_key = any (?)
            union all
            select 'charge', reference, null, null, authorisation_key, amount, currency, state
              from provider_charge where reference = any (?)""";

    @Override
    public Priors priors(Collection<String> idempotencyKeys, Collection<String> references) {
        return once(c -> {
            Map<String, Answer> answers = new HashMap<>();
            Map<String, Charge> charges = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(PRIORS)) {
                s.setArray(1, c.createArrayOf("text", idempotencyKeys.toArray()));
                s.setArray(2, c.createArrayOf("text", references.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString("name");
                        if (rs.getString("kind").equals("answer")) {
                            answers.put(name, new Answer(rs.getInt("status"), rs.getString("body")));
                        } else {
                            charges.put(name, new Charge(name, rs.getString("authorisation_key"), rs.getString("amount"),
                                    rs.getString("currency"), rs.getString("state")));
                        }
                    }
                }
            }
            return new Priors(answers, charges);
        });
    }

    @Override
    public List<WebhookEvent> undelivered() {
        return once(c -> {
            List<WebhookEvent> owed = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select id, body from provider_webhook"
                    + " where delivered_at is null and abandoned_at is null order by created_at");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    owed.add(new WebhookEvent(rs.getString(1), rs.getString(2)));
                }
            }
            return owed;
        });
    }

    @Override
    public void delivered(List<String> eventIds) {
        if (!eventIds.isEmpty()) {
            mark("delivered_at", eventIds);
        }
    }

    @Override
    public void abandoned(String eventId) {
        mark("abandoned_at", List.of(eventId));
    }

    private void mark(String column, List<String> eventIds) {
        run(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("set local synchronous_commit = off");
            }
            try (PreparedStatement s = c.prepareStatement("update provider_webhook set " + column + " = now() where id = any (?)")) {
                s.setArray(1, c.createArrayOf("varchar", eventIds.toArray()));
                s.executeUpdate();
            }
            return null;
        });
    }

    private Charge one(String where, String value) {
        return once(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select reference, authorisation_key, amount, currency, state from provider_charge " + where)) {
                s.setString(1, value);
                List<Charge> found = charges(s);
                return found.isEmpty() ? null : found.get(0);
            }
        });
    }

    private static List<Charge> charges(PreparedStatement s) throws SQLException {
        List<Charge> all = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                all.add(new Charge(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return all;
    }

    // ------------------------------------------------------------------------------- connections

    private interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    /** A place in the pool: its connection is opened when first needed and dropped when it fails. */
    private static final class Slot {
        Connection connection;
    }

    /** Runs work in one transaction on a pooled connection; a connection that failed is replaced. */
    private <T> T run(Work<T> work) {
        return on(work, true);
    }

    /** Runs one statement on a pooled connection, committed on its own: one round trip, no BEGIN or COMMIT. */
    private <T> T once(Work<T> work) {
        return on(work, false);
    }

    private <T> T on(Work<T> work, boolean transaction) {
        Slot slot = borrow();
        boolean healthy = false;
        try {
            if (slot.connection == null) {
                slot.connection = DriverManager.getConnection(url, properties);
            }
            slot.connection.setAutoCommit(!transaction);
            T result = work.on(slot.connection);
            if (transaction) {
                slot.connection.commit();
            }
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw new LedgerException("the ledger database failed: " + e.getMessage(), e);
        } finally {
            if (!healthy && slot.connection != null) {
                closeQuietly(slot.connection);
                slot.connection = null;
            }
            idle.add(slot);
        }
    }

    private Slot borrow() {
        try {
            Slot slot = idle.poll(30, TimeUnit.SECONDS);
            if (slot == null) {
                throw new LedgerException("no ledger connection free within 30 s", null);
            }
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted waiting for a ledger connection", e);
        }
    }

    @Override
    public void close() {
        for (Slot slot : idle) {
            if (slot.connection != null) {
                closeQuietly(slot.connection);
                slot.connection = null;
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do with a broken connection
        }
    }

    /** The ledger could not be read or written: the call is answered 500 and changes nothing. */
    static final class LedgerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LedgerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
