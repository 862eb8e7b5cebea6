package org.marquee.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.marquee.domain.identity.Role;

/**
 * Who is calling: the account id (the token's {@code sub}) and its roles (the token's {@code groups}).
 * Resolved once per request from the security context by the web layer and handed to services,
 * which apply {@link Ownership} with it.
 */
public record Caller(UUID id, Set<Role> roles) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** Builds a caller from group names; names that are not roles are ignored. */
    public static Caller of(UUID id, Collection<String> groups) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String g : groups) {
            for (Role r : Role.values()) {
                if (r.name().equals(g)) {
                    roles.add(r);
                }
            }
        }
        return new Caller(id, roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** BOX_OFFICE and ADMIN act on every customer's resources. */
    public boolean isStaff() {
        return roles.stream().anyMatch(Role::isStaff);
    }

    /** DOOR staff, BOX_OFFICE and ADMIN check tickets in. */
    public boolean checksTicketsIn() {
        return roles.stream().anyMatch(Role::checksTicketsIn);
    }

    /** Door staff and nothing more: the console shows them the door page only. */
    public boolean isDoorOnly() {
        return has(Role.DOOR) && !isStaff();
    }
}
