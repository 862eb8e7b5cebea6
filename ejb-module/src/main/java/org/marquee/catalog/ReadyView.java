package org.marquee.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * An answer rendered once and served as it is to every request until it goes stale: the JSON, its gzip
 * form and its entity tag. Serving it costs a lookup and a write; no request renders, digests or
 * compresses anything.
 *
 * @param json        the body
 * @param gzip        the body compressed, for clients that accept gzip
 * @param etag        the strong entity tag, quoted as in the {@code ETag} header
 * @param freshUntil  epoch milliseconds after which the answer must be rendered again
 */
public record ReadyView(byte[] json, byte[] gzip, String etag, long freshUntil) {

    public static ReadyView of(String json, long freshUntil) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new ReadyView(bytes, gzip(bytes), "\"" + digest(bytes) + "\"", freshUntil);
    }

    public boolean freshAt(long nowMillis) {
        return nowMillis < freshUntil;
    }

    /**
     * Whether an {@code If-None-Match} header names this answer: {@code *}, or a list of tags one of which
     * is this one (weak comparison, as RFC 9110 asks for If-None-Match).
     */
    public boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        String header = ifNoneMatch.trim();
        if (header.equals("*")) {
            return true;
        }
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an {@code Accept-Encoding} header accepts gzip (a {@code q=0} refuses it). */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim();
            if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].trim().replace(" ", "");
                    if (parameter.startsWith("q=") && parameter.substring(2).matches("0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 32);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
