package org.marquee.api.identity;

/** An access token: send it as {@code Authorization: Bearer <accessToken>}; valid for {@code expiresIn} seconds. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn) {

    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
