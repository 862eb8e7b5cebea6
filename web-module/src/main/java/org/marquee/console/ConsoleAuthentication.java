package org.marquee.console;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.marquee.api.identity.CurrentCaller;
import org.marquee.api.identity.VerifiedTokens;
import org.marquee.identity.Caller;

/**
 * The WAR's one authentication mechanism (CDI picks this alternative over MicroProfile JWT's): under
 * /console/ it is form login against Marquee's accounts, kept in the HTTP session; on every other path
 * it is bearer tokens checked by the MP-JWT mechanism (a token already verified is remembered until it
 * expires, see {@link #validateBearer}), so the API stays bearer-only and a console session cookie never
 * authenticates an API call.
 * <p>
 * The sign-in page checks the password itself ({@code Login.verify}: the token endpoint's throttle and
 * PBKDF2 accounts) and the role (BOX_OFFICE and ADMIN; DOOR staff, who reach the door page and no other),
 * so a refusal is a message on the page and never reaches the container; it then hands the verified staff member to {@code SecurityContext.authenticate}
 * as a {@link SignedIn} credential, which only code can make. Console pages other than the sign-in page
 * (and Faces resources) send a visitor without a session to the sign-in page.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class ConsoleAuthentication implements HttpAuthenticationMechanism {

    static final String PREFIX = "/console/";
    static final String LOGIN_PAGE = "/console/login.xhtml";
    static final String DOOR_PAGE = "/console/door.xhtml";
    /** Session attribute: the signed-in staff member. */
    static final String STAFF = "marquee.console.staff";
    /** Session attribute: when the staff member last did something (epoch milliseconds). */
    static final String LAST_ACTIVE = "marquee.console.lastActive";
    /** The id of every page's poll ({@code p:poll id="autoRefresh"}): a poll is the page, not someone at the desk. */
    static final String AUTO_REFRESH = "autoRefresh";

    private static final Logger LOG = Logger.getLogger(ConsoleAuthentication.class.getName());

    @Inject
    private BeanManager beans;

    private volatile HttpAuthenticationMechanism bearer;

    private static final String BEARER = "Bearer";   // as MP-JWT reads the header
    private final VerifiedTokens verifiedTokens = new VerifiedTokens();

    /** Who is signed in to the console: the account, its roles, and the Caller the services take. */
    public record Staff(Caller caller, String email, String name) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A staff member whose password and role the sign-in page has just checked. */
    record SignedIn(Staff staff) implements Credential {
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        if (!isConsole(request)) {
            return validateBearer(request, response, context);
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof SignedIn signedIn) {
            return logIn(request, context, signedIn);
        }
        HttpSession session = request.getSession(false);
        Staff staff = session == null ? null : (Staff) session.getAttribute(STAFF);
        if (staff != null && idle(request, session)) {
            session.invalidate();
            return toLogin(request, response);
        }
        if (staff != null) {
            if (staff.caller().isDoorOnly() && !isDoorPage(request)) {
                return toPage(request, response, DOOR_PAGE);
            }
            return context.notifyContainerAboutLogin(staff.email(), roles(staff));
        }
        if (isOpen(request)) {
            return context.doNothing();
        }
        return toLogin(request, response);
    }

    /**
     * An API request. Without a bearer token there is nothing to check (what MP-JWT's mechanism would
     * answer too, after a CDI lookup per request); a token verified before is taken from
     * {@link VerifiedTokens} as MP-JWT would have accepted it; any other token is verified by MP-JWT,
     * and remembered when it is valid.
     */
    private AuthenticationStatus validateBearer(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith(BEARER)) {
            return context.doNothing();
        }
        String token = header.substring(BEARER.length()).trim();
        VerifiedTokens.Verified known = token.isEmpty() ? null : verifiedTokens.find(token);
        if (known != null) {
            context.getClientSubject().getPrincipals().add(known.caller());
            return context.notifyContainerAboutLogin(known.caller(), known.groups());
        }
        HttpAuthenticationMechanism jwt = bearer();
        if (jwt == null) {
            return context.doNothing();
        }
        AuthenticationStatus status = jwt.validateRequest(request, response, context);
        if (status == AuthenticationStatus.SUCCESS && context.getCallerPrincipal() instanceof JsonWebToken verified
                && verified.getExpirationTime() > 0 && context.getGroups() != null) {
            verifiedTokens.remember(token, new VerifiedTokens.Verified(verified, Set.copyOf(context.getGroups()),
                    verified.getExpirationTime() * 1000));
        }
        return status;
    }

    /**
     * The API caller of a request whose bearer token this mechanism has verified (it runs before any
     * filter), or null: no token, or one that did not verify. For the servlet-level fast paths, which
     * take the caller from here instead of the security context.
     */
    public Caller verifiedCaller(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith(BEARER)) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        VerifiedTokens.Verified known = token.isEmpty() ? null : verifiedTokens.find(token);
        return known != null && known.caller() instanceof JsonWebToken jwt ? CurrentCaller.of(jwt, known.groups()) : null;
    }

    /**
     * Whether the staff member has been away for the session's idle time (30 minutes, web.xml). The
     * container's own timeout never comes while a page polls, so the polls are not counted here: a
     * counter PC left with the seat map or the door page open still signs out.
     */
    private static boolean idle(HttpServletRequest request, HttpSession session) {
        long now = System.currentTimeMillis();
        Object last = session.getAttribute(LAST_ACTIVE);
        if (last instanceof Long at && now - at > session.getMaxInactiveInterval() * 1000L) {
            return true;
        }
        if (!(last instanceof Long) || !isPoll(request)) {
            session.setAttribute(LAST_ACTIVE, now);
        }
        return false;
    }

    private static boolean isPoll(HttpServletRequest request) {
        if (!"partial/ajax".equals(request.getHeader("Faces-Request"))) {
            return false;
        }
        try {
            if (request.getCharacterEncoding() == null) {
                request.setCharacterEncoding("UTF-8");   // as Faces reads the form; parameters are parsed once
            }
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        String source = request.getParameter("jakarta.faces.source");
        return source != null && source.endsWith(AUTO_REFRESH);
    }

    /** A page request is redirected; a Faces Ajax request (say, the seat map's poll after the session timed out) is told to go there. */
    private static AuthenticationStatus toLogin(HttpServletRequest request, HttpServletResponse response) throws AuthenticationException {
        return toPage(request, response, LOGIN_PAGE + "?expired=1");
    }

    private static AuthenticationStatus toPage(HttpServletRequest request, HttpServletResponse response, String page)
            throws AuthenticationException {
        String target = request.getContextPath() + page;
        try {
            if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
                response.setContentType("text/xml");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                        + target + "\"/></partial-response>");
            } else {
                response.sendRedirect(target);
            }
        } catch (java.io.IOException e) {
            throw new AuthenticationException(e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static AuthenticationStatus logIn(HttpServletRequest request, HttpMessageContext context, SignedIn credential) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();   // a fresh session id at sign-in: no session fixation
        session.setAttribute(STAFF, credential.staff());
        session.setAttribute(LAST_ACTIVE, System.currentTimeMillis());
        return context.notifyContainerAboutLogin(credential.staff().email(), roles(credential.staff()));
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        HttpAuthenticationMechanism jwt = isConsole(request) ? null : bearer();
        return jwt == null ? AuthenticationStatus.SUCCESS : jwt.secureResponse(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpAuthenticationMechanism jwt = isConsole(request) ? null : bearer();
        if (jwt == null) {
            HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
        } else {
            jwt.cleanSubject(request, response, context);
        }
    }

    static boolean isConsole(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith(PREFIX) || path.equals("/console");
    }

    /** Door staff may use this page (and sign in and out, and load resources) but no other. */
    private static boolean isDoorPage(HttpServletRequest request) {
        String path = path(request);
        return path.equals(DOOR_PAGE) || isOpen(request);
    }

    /** The login page and the Faces resources (style sheets, scripts) need no session. */
    private static boolean isOpen(HttpServletRequest request) {
        String path = path(request);
        return path.equals(LOGIN_PAGE) || path.startsWith("/console/jakarta.faces.resource/");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static Set<String> roles(Staff staff) {
        Set<String> roles = new HashSet<>();
        staff.caller().roles().forEach(r -> roles.add(r.name()));
        return roles;
    }

    /** MicroProfile JWT's mechanism: the other HttpAuthenticationMechanism bean of the WAR. */
    private HttpAuthenticationMechanism bearer() {
        if (bearer == null) {
            for (Bean<?> bean : beans.getBeans(HttpAuthenticationMechanism.class, Any.Literal.INSTANCE)) {
                if (!ConsoleAuthentication.class.isAssignableFrom(bean.getBeanClass())) {
                    bearer = (HttpAuthenticationMechanism) beans.getReference(bean, HttpAuthenticationMechanism.class,
                            beans.createCreationalContext(bean));
                    LOG.info(() -> "API requests are authenticated by " + bean.getBeanClass().getName());
                    break;
                }
            }
            if (bearer == null) {
                LOG.severe("No MicroProfile JWT authentication mechanism found: API bearer tokens are not checked");
            }
        }
        return bearer;
    }
}
