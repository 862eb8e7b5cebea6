/**
 * The identity face of the API: registration, tokens, the caller's own account, accounts by id (fenced
 * by ownership) and account creation by administrators; plus {@link org.marquee.api.identity.CurrentCaller},
 * which turns the request's security context into the {@link org.marquee.identity.Caller} services take,
 * and {@link org.marquee.api.identity.AccessDeclarations}, which closes endpoints that declare no roles.
 * <p>
 * Authentication is Payara's MicroProfile JWT ({@code @LoginConfig} on {@link org.marquee.api.MarqueeApi}),
 * which installs one Jakarta Security {@code HttpAuthenticationMechanism} for the whole WAR. For the
 * box-office console (form login at /console/, same accounts) there is one more mechanism,
 * {@link org.marquee.console.ConsoleAuthentication}, {@code @Alternative @Priority(APPLICATION)} so that CDI picks it over
 * MP-JWT's: for /console/* it validates a {@code UsernamePasswordCredential} (from
 * {@code SecurityContext.authenticate} in the login page) with {@code Login.verify} (the same
 * throttle as the token endpoint), keeps the staff member in the HTTP session, and continues it on later requests; for every
 * other path it delegates to the MP-JWT mechanism bean (found through the BeanManager). A console session
 * cookie then does not authenticate API calls, so the API stays bearer-only (no CSRF exposure).
 */
package org.marquee.api.identity;
