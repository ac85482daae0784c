package dev.synapsebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synapsebench.core.testing.DropInBackend;
import dev.synapsebench.core.testing.DropInKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backend the CLI has never heard of (core's test-only {@link DropInKernel}, registered on the
 * class path the way a new kernel module's jar is) is listed and trains, with no edit to the CLI.
 */
class DropInBackendTest {

    private ClassLoader original;
    private URLClassLoader withDropIn;

    @BeforeEach
    void registerTheDropIn(@TempDir Path registration) throws IOException {
        original = Thread.currentThread().getContextClassLoader();
        withDropIn = DropInBackend.classLoader(DropInBackend.register(registration, DropInKernel.class));
        Thread.currentThread().setContextClassLoader(withDropIn); // ServiceLoader looks there
    }

    @AfterEach
    void unregister() throws IOException {
        Thread.currentThread().setContextClassLoader(original);
        withDropIn.close();
    }

    @Test
    void backendsListsIt() {
        String out = run(0, "backends");
        assertTrue(out.lines().anyMatch(l -> l.startsWith(DropInKernel.NAME + " ") && l.contains("available")), out);
    }

    @Test
    void trainsWithItAndGetsScalarsNumbers() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode dropIn = json.readTree(run(0, "train", "--preset", "xor-3layer", "--iterations", "2000", "--backend",
                DropInKernel.NAME, "--format", "json"));
        JsonNode scalar = json.readTree(run(0, "train", "--preset", "xor-3layer", "--iterations", "2000",
                "--format", "json"));
        assertEquals(DropInKernel.NAME, dropIn.get("backend").asText());
        // the same loops in the same order as the reference: the same bits
        assertEquals(scalar.get("weights"), dropIn.get("weights"));
        assertEquals(scalar.get("output"), dropIn.get("output"));
    }

    private static String run(int expectedStatus, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(expectedStatus, run.status(), run.err());
        return run.out();
    }
}
