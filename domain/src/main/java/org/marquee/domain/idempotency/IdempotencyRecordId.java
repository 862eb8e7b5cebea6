package org.marquee.domain.idempotency;

import java.io.Serializable;
import java.util.Objects;

/** Key of an idempotency record: the caller, the operation, and the caller's key. */
public class IdempotencyRecordId implements Serializable {
    private static final long serialVersionUID = 1L;

    private String principal;
    private String scope;
    private String idempotencyKey;

    public IdempotencyRecordId() {
    }

    public IdempotencyRecordId(String principal, String scope, String idempotencyKey) {
        this.principal = principal;
        this.scope = scope;
        this.idempotencyKey = idempotencyKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdempotencyRecordId other && principal.equals(other.principal)
                && scope.equals(other.scope) && idempotencyKey.equals(other.idempotencyKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(principal, scope, idempotencyKey);
    }
}
