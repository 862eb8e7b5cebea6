package org.marquee.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marquee.testing.TestConfig;
import org.marquee.testing.TestSecrets;

class SecretsTest {

    @TempDir
    Path dir;

    @Test
    void readsKeyFilesFromTheConfiguredDirectory() throws Exception {
        TestSecrets.install(dir, "key-one");
        assertArrayEquals("key-one".getBytes(), Secrets.read(Secrets.SIGNING_KEY));
    }

    @Test
    void eachPurposeGetsItsOwnKeyAndTheSameKeyEveryTime() throws Exception {
        TestSecrets.install(dir, "key-one");
        byte[] admission = Secrets.derive("admission");
        assertEquals(32, admission.length);
        assertArrayEquals(admission, Secrets.derive("admission"));
        assertFalse(Arrays.equals(admission, Secrets.derive("something else")));
        assertFalse(Arrays.equals(admission, Secrets.read(Secrets.SIGNING_KEY)));
    }

    @Test
    void anotherInstallationDerivesOtherKeys() throws Exception {
        TestSecrets.install(dir, "key-one");
        byte[] first = Secrets.derive("admission");
        TestSecrets.install(dir, "key-two");
        assertFalse(Arrays.equals(first, Secrets.derive("admission")));
    }

    @Test
    void withoutTheDirectorySettingItSaysHowToProvision() {
        TestConfig.use(Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Secrets.read(Secrets.SIGNING_KEY));
        assertTrue(e.getMessage().contains("marquee.secrets.dir"), e.getMessage());
    }

    @Test
    void aMissingKeyFileNamesTheFileAndTheDirectory() {
        TestConfig.use(Map.of(Secrets.DIRECTORY, dir.toString()));
        Exception e = assertThrows(java.io.UncheckedIOException.class, () -> Secrets.read("absent.key"));
        assertTrue(e.getMessage().contains("absent.key") && e.getMessage().contains(dir.toString()), e.getMessage());
    }
}
