package org.marquee.api.identity;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.logging.Logger;
import org.marquee.api.Problem;
import org.marquee.error.ProblemCode;

/**
 * Fails closed: a Marquee resource method that declares no access rule ({@code @RolesAllowed},
 * {@code @PermitAll} or {@code @DenyAll}, on itself or its class) is refused to everyone with 403
 * FORBIDDEN, and named in the server log at deployment ("declares no access rule"). A forgotten
 * annotation thus closes an endpoint instead of opening it.
 * <p>
 * The rules themselves are enforced by Payara's JAX-RS role filter on top of MicroProfile JWT: no
 * token where roles are required → {@code NotAuthorizedException}, wrong role →
 * {@code ForbiddenException}, both turned into problem+json by {@link org.marquee.api.ProblemMappers}.
 * That filter reads method-level {@code @DenyAll}/{@code @PermitAll}/{@code @RolesAllowed} and a
 * class-level {@code @RolesAllowed}, so declare public endpoints with a method-level {@code @PermitAll};
 * a class-level {@code @DenyAll} is enforced here.
 */
@Provider
public class AccessDeclarations implements DynamicFeature {

    static final String UNDECLARED = "declares no access rule";
    private static final Logger LOG = Logger.getLogger(AccessDeclarations.class.getName());

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null || type == null || !type.getName().startsWith("org.marquee.")) {
            return;   // JAX-RS's own resources (OPTIONS, WADL) keep their behaviour
        }
        if (declares(method)) {
            return;   // Payara's role filter enforces it
        }
        if (type.isAnnotationPresent(DenyAll.class)) {
            context.register(new Deny(), Priorities.AUTHORIZATION);
        } else if (!declares(type)) {
            LOG.severe(() -> type.getName() + "." + method.getName() + " " + UNDECLARED
                    + " (@RolesAllowed, @PermitAll or @DenyAll): it is refused to everyone until it declares one");
            context.register(new Deny(), Priorities.AUTHORIZATION);
        }
    }

    private static boolean declares(AnnotatedElement element) {
        return element.isAnnotationPresent(RolesAllowed.class) || element.isAnnotationPresent(PermitAll.class)
                || element.isAnnotationPresent(DenyAll.class);
    }

    @Priority(Priorities.AUTHORIZATION)
    private static final class Deny implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            request.abortWith(Problem.response(ProblemCode.FORBIDDEN, "Nobody may call this"));
        }
    }
}
