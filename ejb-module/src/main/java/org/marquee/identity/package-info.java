/**
 * Identity and access: accounts (stored with a PBKDF2 hash, e-mail unique case-insensitively), the
 * RS256 access tokens the API verifies with MicroProfile JWT, login throttling, the bootstrap
 * administrator, and the one ownership rule every customer-owned resource goes through
 * ({@link org.marquee.identity.Ownership}). Resources declare the roles they need
 * ({@code @RolesAllowed}); services receive the {@link org.marquee.identity.Caller} explicitly.
 */
package org.marquee.identity;
