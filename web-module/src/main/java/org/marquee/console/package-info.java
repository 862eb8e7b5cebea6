/**
 * The box-office console at /console/: Jakarta Faces pages with PrimeFaces, used by BOX_OFFICE and
 * ADMIN staff at the venue and on the phone. Every page bean calls the same EJB services as the API
 * (catalog, search, booking) with the signed-in staff member as {@link org.marquee.identity.Caller}, and
 * turns their {@link org.marquee.error.MarqueeException}s into messages ({@link Feedback}); no business
 * rule lives here. Sign-in is {@link ConsoleAuthentication}, which also hands API requests to
 * MicroProfile JWT.
 */
package org.marquee.console;
