package org.marquee.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.marquee.identity.Secrets;

/** An installation's secrets directory, as server-config/bin/marquee makes it, for unit tests. */
public final class TestSecrets {

    private TestSecrets() {
    }

    /** Writes a signing key into {@code dir} and points {@code marquee.secrets.dir} at it. */
    public static void install(Path dir, String signingKey) throws IOException {
        Files.writeString(dir.resolve(Secrets.SIGNING_KEY), signingKey, StandardCharsets.UTF_8);
        TestConfig.use(Map.of(Secrets.DIRECTORY, dir.toString()));
    }
}
