package org.marquee.idempotency;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.marquee.domain.idempotency.IdempotencyRecord;
import org.marquee.domain.idempotency.IdempotencyRecordId;

/**
 * Durable first answers for requests carrying an {@code Idempotency-Key}. A successful answer is
 * recorded inside the transaction that made the change, so the record exists exactly when the change
 * committed: a client whose commit timed out retries and gets the first answer. Failures, and the
 * answers of operations that span several transactions (confirm), are recorded afterwards in their own
 * transaction. Concurrent duplicates meet on the primary key: one commits, the
 * other rolls back whole and replays the winner's answer.
 */
@Stateless
public class IdempotencyStore {

    public static final Duration RETENTION = Duration.ofHours(24);

    /** Who asked, for what operation, under which key, with which request (SHA-256 of the request). */
    public record Key(String principal, String scope, String key, String requestHash) {
    }

    @PersistenceContext(unitName = "marquee")
    private EntityManager em;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<IdempotencyRecord> find(Key k) {
        return Optional.ofNullable(em.find(IdempotencyRecord.class, new IdempotencyRecordId(k.principal(), k.scope(), k.key())));
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(Key k, int status, String body, UUID resourceId) {
        Instant now = Instant.now();
        em.persist(new IdempotencyRecord(k.principal(), k.scope(), k.key(), k.requestHash(), status, body, resourceId, now, now.plus(RETENTION)));
        em.flush();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAfterwards(Key k, int status, String body) {
        em.createNativeQuery("""
                insert into idempotency_record (principal, scope, idempotency_key, request_hash, response_status, response_body, expires_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, now() + interval '24 hours')
                on conflict do nothing""")
                .setParameter(1, k.principal()).setParameter(2, k.scope()).setParameter(3, k.key())
                .setParameter(4, k.requestHash()).setParameter(5, status).setParameter(6, body).executeUpdate();
    }

    @Schedule(hour = "*", minute = "17", persistent = false, info = "idempotency record cleanup")
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void forgetExpired() {
        em.createNativeQuery("delete from idempotency_record where expires_at < now()").executeUpdate();
    }
}
