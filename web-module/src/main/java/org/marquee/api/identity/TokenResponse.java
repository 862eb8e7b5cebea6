package org.marquee.api.identity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An access token: send it as {@code Authorization: Bearer <accessToken>}; valid for {@code expiresIn} seconds. */
public record TokenResponse(@Schema(required = true, description = "RS256 JWT") String accessToken,
                            @Schema(required = true, enumeration = "Bearer") String tokenType,
                            @Schema(description = "seconds", example = "3600") long expiresIn) {

    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
