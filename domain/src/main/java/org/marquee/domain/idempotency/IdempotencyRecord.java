package org.marquee.domain.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The first answer given to a request that carried an Idempotency-Key; replayed for every retry. */
@Entity
@Table(name = "idempotency_record")
@IdClass(IdempotencyRecordId.class)
public class IdempotencyRecord {

    @Id
    @Column(length = 100)
    private String principal;

    @Id
    @Column(length = 100)
    private String scope;

    @Id
    @Column(name = "idempotency_key", length = 255)
    private String idempotencyKey;

    /** SHA-256 (hex) of the request body, to tell a retry from a different request under the same key. */
    @Column(name = "request_hash", nullable = false, length = 64)
    private String requestHash;

    @Column(name = "response_status", nullable = false)
    private int responseStatus;

    @Column(name = "response_body", nullable = false)
    private String responseBody;

    /** Text in Java: EclipseLink 4.0.7's UUID converter fails on a NULL uuid column. */
    @Column(name = "resource_id")
    private String resourceId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected IdempotencyRecord() {
    }

    public IdempotencyRecord(String principal, String scope, String idempotencyKey, String requestHash,
                             int responseStatus, String responseBody, UUID resourceId, Instant createdAt, Instant expiresAt) {
        this.principal = principal;
        this.scope = scope;
        this.idempotencyKey = idempotencyKey;
        this.requestHash = requestHash;
        this.responseStatus = responseStatus;
        this.responseBody = responseBody;
        this.resourceId = resourceId == null ? null : resourceId.toString();
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String getPrincipal() { return principal; }
    public String getScope() { return scope; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public String getRequestHash() { return requestHash; }
    public int getResponseStatus() { return responseStatus; }
    public String getResponseBody() { return responseBody; }
    public UUID getResourceId() { return resourceId == null ? null : UUID.fromString(resourceId); }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExpiresAt() { return expiresAt; }
}
