package org.marquee.identity;

import org.marquee.domain.identity.Role;

/**
 * Role names as compile-time constants, for {@code @RolesAllowed}. They are the names of {@link Role}
 * and the values of the token's {@code groups} claim.
 */
public final class Roles {

    public static final String CUSTOMER = "CUSTOMER";
    public static final String INTEGRATOR = "INTEGRATOR";
    public static final String BOX_OFFICE = "BOX_OFFICE";
    public static final String ADMIN = "ADMIN";
    public static final String DOOR = "DOOR";

    private Roles() {
    }
}
