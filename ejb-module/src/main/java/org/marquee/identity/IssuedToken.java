package org.marquee.identity;

/** A signed access token and how many seconds it stays valid. */
public record IssuedToken(String accessToken, long expiresIn) {

    @Override
    public String toString() {
        // a bearer token is a credential: never in a log line
        return "IssuedToken[expiresIn=" + expiresIn + "]";
    }
}
