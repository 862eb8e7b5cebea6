package org.marquee.api;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;

/**
 * A request that failed because PostgreSQL went away under it (restarted, or its connection was
 * terminated): 503 with {@code Retry-After}, not a 500. The pool validates connections before handing
 * them out, so the next request gets a fresh one. A commit cut off by the outage may or may not have
 * been applied: the same request retried with its idempotency key finds out which.
 */
final class DatabaseOutage {

    /** Seconds a client should wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 2;

    /**
     * SQL states of a lost server: connection exceptions (class 08), the server shutting down or
     * terminating the session (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now).
     */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

    private DatabaseOutage() {
    }

    /** Whether {@code e}, or anything that caused it, says the database connection was lost or refused. */
    static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GONE.contains(sql.getSQLState()) || closedUnderIt(sql)
                        || cancelledUnderIt(sql))) {
                return true;
            }
            // a commit or rollback on a connection that died under it: the transaction manager reports it as a
            // SystemException whose XAException carries no cause (only the connector's message)
            if (t instanceof jakarta.transaction.SystemException || t instanceof javax.transaction.xa.XAException) {
                return true;
            }
            // the pool could not open a connection (the connector's ResourceException, named to avoid the dependency)
            if (t.getClass().getName().equals("jakarta.resource.spi.ResourceAllocationException")
                    || t.getClass().getName().equals("com.sun.appserv.connectors.internal.api.PoolingException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The driver's "This statement has been closed." (or result set, or connection): the pool closed a
     * connection it found broken while a statement of it was still running on another thread. Marquee
     * never uses a statement after closing it itself.
     */
    private static boolean closedUnderIt(SQLException e) {
        return OBJECT_NOT_IN_STATE.equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains("closed");
    }

    private static final String OBJECT_NOT_IN_STATE = "55000";

    /**
     * "canceling statement due to user request": the same race seen from the server, when the pool
     * cancels the running statement of a connection it is closing as broken. Marquee cancels no statement
     * itself; a statement timeout (the same state, another message) is not an outage.
     */
    private static boolean cancelledUnderIt(SQLException e) {
        return QUERY_CANCELED.equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains("user request");
    }

    private static final String QUERY_CANCELED = "57014";

    static final String DETAIL = "The database is not reachable right now. Try again in a few seconds with the same Idempotency-Key: "
            + "a request that was not completed changed nothing, one that was is answered as it was the first time.";

    static Response response() {
        return Problem.response(ProblemCode.UNAVAILABLE, DETAIL, List.of(), Map.of(MarqueeException.RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS));
    }
}
