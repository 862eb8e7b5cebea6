package org.marquee.api.identity;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.identity.Caller;

/**
 * The caller of the current request, from the Jakarta Security context: the account id is the token's
 * {@code sub}, the roles are the token's {@code groups} that name a {@link Role} (MP-JWT maps groups to
 * roles one to one). Resources inject this and pass {@link #get()} to services, which apply
 * {@link org.marquee.identity.Ownership}.
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
            JsonWebToken jwt = principal instanceof JsonWebToken token ? token : null;
            caller = jwt == null ? null : of(jwt, jwt.getGroups());
            if (caller == null) {
                throw new MarqueeException(ProblemCode.UNAUTHENTICATED, "Authentication is required");
            }
        }
        return caller;
    }

    /**
     * The caller a verified token names, or null when its subject is not an account id. The roles are the
     * token's groups, already verified with it: asking the container role by role (isCallerInRole) costs
     * a JACC policy walk each, 6 % of the server's CPU per booking request.
     */
    public static Caller of(JsonWebToken jwt, Set<String> tokenGroups) {
        UUID id = parse(jwt.getSubject());
        if (id == null) {
            return null;
        }
        return Caller.of(id, tokenGroups == null ? Set.of() : tokenGroups);
    }

    private static UUID parse(String subject) {
        try {
            return subject == null ? null : UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
