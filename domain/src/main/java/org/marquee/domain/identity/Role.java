package org.marquee.domain.identity;

/** Who someone is to Marquee. Role names are also the Jakarta Security group names. */
public enum Role {
    CUSTOMER, INTEGRATOR, BOX_OFFICE, ADMIN,
    /** Door staff: they check tickets in and may do nothing else. */
    DOOR;

    /** Staff see and act on every customer's bookings. */
    public boolean isStaff() {
        return this == BOX_OFFICE || this == ADMIN;
    }

    /** Who may check tickets in at the door. */
    public boolean checksTicketsIn() {
        return this == DOOR || isStaff();
    }
}
