package org.marquee.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.transaction.SystemException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void aTerminatedSessionOrALostConnectionIsAnOutage() {
        assertTrue(DatabaseOutage.causedBy(new EJBException(new SQLException("terminating connection", "57P01"))));
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(new SQLException("connection refused", "08001"))));
    }

    @Test
    void aCommitCutOffByADeadConnectionIsAnOutage() {
        SystemException commit = new SystemException();
        commit.initCause(new XAException("LocalTransactionException: FATAL: terminating connection due to administrator command"));
        assertTrue(DatabaseOutage.causedBy(new EJBException("Unable to complete container-managed transaction.", commit)));
    }

    @Test
    void aStatementThePoolClosedUnderARunningQueryIsAnOutage() {
        assertTrue(DatabaseOutage.causedBy(new EJBException(new RuntimeException(new SQLException("This statement has been closed.", "55000")))));
        assertFalse(DatabaseOutage.causedBy(new SQLException("currval of sequence is not yet defined in this session", "55000")));
    }

    @Test
    void aStatementThePoolCancelledUnderARunningQueryIsAnOutage() {
        assertTrue(DatabaseOutage.causedBy(new EJBException(new RuntimeException(
                new SQLException("ERROR: canceling statement due to user request", "57014")))));
        assertFalse(DatabaseOutage.causedBy(new SQLException("ERROR: canceling statement due to statement timeout", "57014")));
    }

    @Test
    void aConstraintViolationOrABugIsNot() {
        assertFalse(DatabaseOutage.causedBy(new EJBException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseOutage.causedBy(new IllegalStateException("a bug")));
    }
}
