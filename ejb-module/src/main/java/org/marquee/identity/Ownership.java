package org.marquee.identity;

import java.util.UUID;
import org.marquee.error.MarqueeException;

/**
 * The ownership rule, in one place: a caller reaches a customer-owned resource only if it owns it or
 * is staff (BOX_OFFICE, ADMIN). Anyone else gets exactly what an unknown id gets, 404 NOT_FOUND, so a
 * customer can neither read another's data nor learn that it exists (OWASP API1, BOLA).
 * <p>
 * Every service method that loads a resource with an owner calls {@link #check} right after loading
 * it (and before doing anything with it), e.g. {@code Ownership.check(caller, booking.getCustomerId(),
 * "Booking", id)}. Lists filter by owner in the query instead: {@link #ownerFilter} gives the owner id
 * to filter by, or {@code null} for staff.
 */
public final class Ownership {

    private Ownership() {
    }

    /**
     * @param caller  who asks
     * @param ownerId the account that owns the resource
     * @param what    the resource's name in the 404 detail, e.g. "Booking"
     * @param id      the resource's id in the 404 detail
     * @throws MarqueeException NOT_FOUND when the caller may not see the resource
     */
    public static void check(Caller caller, UUID ownerId, String what, Object id) {
        if (!mayAccess(caller, ownerId)) {
            throw MarqueeException.notFound(what, id);
        }
    }

    public static boolean mayAccess(Caller caller, UUID ownerId) {
        if (caller == null || caller.id() == null) {
            return false;
        }
        return caller.isStaff() || caller.id().equals(ownerId);
    }

    /** The owner id a list query must be restricted to, or {@code null} when the caller sees everything. */
    public static UUID ownerFilter(Caller caller) {
        if (caller == null || caller.id() == null) {
            throw new IllegalArgumentException("no caller");
        }
        return caller.isStaff() ? null : caller.id();
    }
}
