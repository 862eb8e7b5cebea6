package org.marquee.api.identity;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Arrays;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.identity.Caller;
import org.marquee.identity.Role;

/**
 * The caller of the current request, from the Jakarta Security context: the account id is the token's
 * {@code sub}, the roles are the container's roles (the token's {@code groups}). Resources inject this
 * and pass {@link #get()} to services, which apply {@link org.marquee.identity.Ownership}.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    private SecurityContext security;

    private Caller caller;

    /**
     * @throws MarqueeException UNAUTHENTICATED when the request carries no valid token (resources that call
     *                          this declare roles, so the container has normally refused such a request already)
     */
    public Caller get() {
        if (caller == null) {
            Principal principal = security.getCallerPrincipal();
            UUID id = principal instanceof JsonWebToken jwt ? parse(jwt.getSubject()) : null;
            if (id == null) {
                throw new MarqueeException(ProblemCode.UNAUTHENTICATED, "Authentication is required");
            }
            caller = Caller.of(id, Arrays.stream(Role.values()).map(Role::name).filter(security::isCallerInRole).toList());
        }
        return caller;
    }

    private static UUID parse(String subject) {
        try {
            return subject == null ? null : UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
