package org.marquee.api.contract;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What every error answer carries ({@code application/problem+json}, RFC 9457), as the document describes it;
 * {@link org.marquee.api.Problem} writes it. Some refusals add members of their own (a check-in's ticket
 * details, for one): clients must ignore members they do not know.
 */
@Schema(name = "Problem", description = "An error (RFC 9457). Program against code, which is stable; detail is for people.")
record ProblemDocument(
        @Schema(required = true, format = "uri", example = "https://marquee.dev/problems/validation-failed") String type,
        @Schema(required = true, example = "The request is not valid") String title,
        @Schema(minimum = "400", maximum = "599", example = "400", description = "the HTTP status") int status,
        @Schema(required = true, example = "2 fields are invalid") String detail,
        @Schema(required = true, pattern = "^[A-Z][A-Z0-9_]*$", example = "VALIDATION_FAILED",
                description = "Stable UPPER_SNAKE name of the error (the list: ContractFilter)") String code,
        @Schema(description = "VALIDATION_FAILED: every invalid field, by its JSON path") List<FieldProblem> errors,
        @Schema(description = "SEATS_UNAVAILABLE: the requested seats someone else has") List<UUID> unavailableSeatIds) {

    @Schema(name = "FieldError", description = "One invalid field of a request")
    record FieldProblem(
            @Schema(required = true, example = "seatTypes[0].price", description = "JSON path of the field") String field,
            @Schema(required = true, example = "has at most two decimals") String message) {
    }
}
