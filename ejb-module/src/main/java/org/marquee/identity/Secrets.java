package org.marquee.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The installation's secrets directory ({@code marquee.secrets.dir}, made by server-config/bin/marquee and
 * shared by every node): reads its key files, and derives one key per purpose from a key file so that
 * a signature made for one purpose is never valid for another.
 */
public final class Secrets {

    public static final String DIRECTORY = "marquee.secrets.dir";
    public static final String SIGNING_KEY = "ticket-signing.key";

    private Secrets() {
    }

    public static byte[] read(String fileName) {
        String dir = ConfigProvider.getConfig().getOptionalValue(DIRECTORY, String.class).orElseThrow(
                () -> new IllegalStateException(DIRECTORY + " is not set: provision the domain with server-config/bin/marquee"));
        try {
            return Files.readAllBytes(Path.of(dir, fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(fileName + " missing in " + dir, e);
        }
    }

    /** HMAC-SHA256(signing key, purpose): a key of its own for each purpose, from the one key file. */
    public static byte[] derive(String purpose) {
        return hmac(read(SIGNING_KEY), purpose.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
