/**
 * The identity face of the API: registration, tokens, the caller's own account, accounts by id (fenced
 * by ownership) and account creation by administrators; plus {@link org.marquee.api.identity.CurrentCaller},
 * which turns the request's security context into the {@link org.marquee.identity.Caller} services take.
 */
package org.marquee.api.identity;
