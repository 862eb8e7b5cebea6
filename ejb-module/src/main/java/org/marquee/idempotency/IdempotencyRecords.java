package org.marquee.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Writes the first answers of a batch's keyed requests in the batch's own transaction (plain JDBC), so
 * each record is durable exactly when its request's change is.
 */
public final class IdempotencyRecords {

    /** A keyed request's answer. */
    public record Recorded(IdempotencyStore.Key key, int status, String body, UUID resourceId) {
    }

    private IdempotencyRecords() {
    }

    /**
     * Inserts the records in key order, so two batches never wait for each other's keys in opposite orders.
     * A key recorded meanwhile by another transaction fails the statement, unless {@code keepRecorded}:
     * then that key keeps its record.
     */
    public static void insert(Connection c, List<Recorded> records, boolean keepRecorded) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        List<Recorded> sorted = records.stream().sorted(Comparator.comparing((Recorded r) -> r.key().principal())
                .thenComparing(r -> r.key().scope()).thenComparing(r -> r.key().key())).toList();
        try (PreparedStatement insert = c.prepareStatement("""
                insert into idempotency_record (principal, scope, idempotency_key, request_hash, response_status, response_body,
                                                resource_id, created_at, expires_at)
                select r.principal, r.scope, r.idempotency_key, r.request_hash, r.response_status, r.response_body, r.resource_id,
                       now(), now() + interval '24 hours'
                  from unnest(?, ?, ?, ?, ?, ?, ?) with ordinality
                       as r(principal, scope, idempotency_key, request_hash, response_status, response_body, resource_id, n)
                 order by r.n""" + (keepRecorded ? " on conflict do nothing" : ""))) {
            insert.setArray(1, c.createArrayOf("text", sorted.stream().map(r -> r.key().principal()).toArray()));
            insert.setArray(2, c.createArrayOf("text", sorted.stream().map(r -> r.key().scope()).toArray()));
            insert.setArray(3, c.createArrayOf("text", sorted.stream().map(r -> r.key().key()).toArray()));
            insert.setArray(4, c.createArrayOf("text", sorted.stream().map(r -> r.key().requestHash()).toArray()));
            insert.setArray(5, c.createArrayOf("int4", sorted.stream().map(Recorded::status).toArray()));
            insert.setArray(6, c.createArrayOf("text", sorted.stream().map(Recorded::body).toArray()));
            insert.setArray(7, c.createArrayOf("uuid", sorted.stream().map(Recorded::resourceId).toArray()));
            insert.executeUpdate();
        }
    }
}
