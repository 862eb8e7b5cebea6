package org.marquee.api.search;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.api.Paging;
import org.marquee.api.Problem;
import org.marquee.catalog.ReadyView;
import org.marquee.domain.catalog.Category;
import org.marquee.error.FieldError;
import org.marquee.error.MarqueeException;
import org.marquee.search.EventSearch;
import org.marquee.search.SearchPage;
import org.marquee.search.SearchQuery;
import org.marquee.search.SearchTerms;

/** Full-text event discovery (docs/search.md). Every parameter is checked; anything typed in {@code q} is only words. */
@Path("/events/search")
@PermitAll
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class SearchResource {

    /** Deeper than this, refine the query: Lucene would have to rank every hit before the page. */
    public static final int MAX_WINDOW = 10_000;

    /** The Cache-Control of an answer (also what EventViewFilter sends with a ready page). */
    public static final String CACHE_CONTROL = "public, max-age=2, s-maxage=2";
    private static final CacheControl CACHING = CacheControl.valueOf(CACHE_CONTROL);

    @EJB
    private EventSearch search;

    @Inject
    private SearchPages pages;

    @Context
    private UriInfo uri;

    private static final Jsonb JSON = JsonbBuilder.create();

    @GET
    @Operation(operationId = "searchEvents", summary = "Search events",
            description = "Search events: words in name, description, performers, venue and city (one typo tolerated), "
            + "ranked by relevance (soonest first without words), with facet counts by category and city. "
            + "Cancelled and ended events are left out unless asked for. A change is searchable within 5 s.")
    @APIResponse(responseCode = "200", description = "A page of events with facets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SearchPage.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED, with the invalid parameters", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "UNAVAILABLE: the index of this node is not started", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response search(
            @QueryParam("q") @Parameter(description = "words to look for (any text, at most 1000 characters, the first 10 words count)",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 1000)) String q,
            @QueryParam("from") @Parameter(description = "events starting at or after this time (ISO-8601 UTC, e.g. 2026-12-18T18:00:00Z)",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) String from,
            @QueryParam("to") @Parameter(description = "events starting at or before this time (ISO-8601 UTC)",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) String to,
            @QueryParam("city") @Parameter(description = "city, compared case- and accent-insensitively", schema = @Schema(type = SchemaType.STRING)) String city,
            @QueryParam("category") @Parameter(description = "only events of this category", schema = @Schema(implementation = Category.class)) String category,
            @QueryParam("includePast") @Parameter(description = "true: also events that are over",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) String includePast,
            @QueryParam("includeCancelled") @Parameter(description = "true: also cancelled events",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) String includeCancelled,
            @QueryParam("page") @Parameter(description = "page number, from 0") String page,
            @QueryParam("size") @Parameter(description = "events a page") String size) {
        List<FieldError> errors = new ArrayList<>();
        Paging paging = null;
        try {
            paging = Paging.of(page, size);
        } catch (MarqueeException e) {
            errors.addAll(e.errors());
        }
        if (paging != null && (long) (paging.page() + 1) * paging.size() > MAX_WINDOW) {
            errors.add(new FieldError("page", "search pages reach at most " + MAX_WINDOW + " results deep (page + 1) × size; refine the query"));
        }
        if (q != null && q.length() > SearchTerms.MAX_QUERY_LENGTH) {
            errors.add(new FieldError("q", "must be at most " + SearchTerms.MAX_QUERY_LENGTH + " characters"));
        }
        if (city != null && city.length() > 200) {
            errors.add(new FieldError("city", "must be at most 200 characters"));
        }
        Instant fromAt = instant(from, "from", errors);
        Instant toAt = instant(to, "to", errors);
        if (fromAt != null && toAt != null && toAt.isBefore(fromAt)) {
            errors.add(new FieldError("to", "must not be before from"));
        }
        Category cat = null;
        if (category != null && !category.isBlank()) {
            try {
                cat = Category.valueOf(category.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("category", "must be one of " + Arrays.toString(Category.values())));
            }
        }
        boolean past = flag(includePast, "includePast", errors);
        boolean cancelled = flag(includeCancelled, "includeCancelled", errors);
        if (!errors.isEmpty()) {
            throw MarqueeException.invalid(errors);
        }
        String queryString = uri.getRequestUri().getRawQuery();
        long version = pages.version();
        SearchPage result = search.search(new SearchQuery(q, fromAt, toAt, city == null || city.isBlank() ? null : city,
                cat, past, cancelled, paging.page(), paging.size()));
        ReadyView view = pages.keep(queryString, version, JSON.toJson(result));
        return Response.ok(view.json(), MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, view.etag()).cacheControl(CACHING).build();
    }

    private static Instant instant(String value, String field, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 UTC time such as 2026-12-18T18:00:00Z"));
            return null;
        }
    }

    private static boolean flag(String value, String field, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        errors.add(new FieldError(field, "must be true or false"));
        return false;
    }
}
