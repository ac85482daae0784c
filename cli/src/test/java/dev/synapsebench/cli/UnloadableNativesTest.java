package dev.synapsebench.cli;

import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.testing.UnusableNativeCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backend whose native libraries cannot load (nd4j, in a JVM whose JavaCPP cache nothing can be
 * unpacked into: {@link UnusableNativeCache}) is listed as unavailable with that reason, the others
 * stay available, and training on it is one sentence and the exit status of bad input. In a JVM of
 * its own: the natives load once per JVM, and this one has loaded them.
 */
class UnloadableNativesTest {

    /** The reason's sentence, around the platform and the file JavaCPP could not write (the first it unpacks). */
    private static final String LINE = "nd4j     UNAVAILABLE  ND4J's CPU backend (nd4j-native ";
    private static final String REASON = ") cannot run in this JVM: its native libraries could not be unpacked into"
            + " JavaCPP's cache (FileNotFoundException: ";
    private static final String ADVICE = " (Not a directory)); -D" + UnusableNativeCache.PROPERTY
            + "=DIR sets a writable one.";

    @TempDir
    static Path work;

    private static String cacheArgument;

    @BeforeAll
    static void breakTheCache() throws IOException {
        cacheArgument = UnusableNativeCache.jvmArgument(work.resolve("javacpp-cache"));
    }

    @Test
    void backendsListsNd4jAsUnavailableWithTheReasonAndTheOthersAvailable() throws Exception {
        Synapse r = synapse("backends");
        assertEquals(0, r.status(), r.err());
        List<String> nd4j = r.out().lines().filter(l -> l.startsWith("nd4j ")).toList();
        assertEquals(1, nd4j.size(), r.out());
        String line = nd4j.get(0);
        assertTrue(line.startsWith(LINE) && line.contains(REASON + work.resolve("javacpp-cache")) && line.endsWith(ADVICE),
                "the reason names the cause, the file and the way out: " + line);
        for (String name : List.of("scalar", "simd", "ejml")) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches(name + "\\s+available\\s+.*")), r.out());
        }
        assertFalse(r.out().contains("\tat ") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void trainingOnItIsOneSentenceAndExitStatus2() throws Exception {
        Synapse r = synapse("train", "--backend", "nd4j", "--preset", "xor-3layer", "--iterations", "10");
        assertEquals(SynapseCli.BAD_INPUT, r.status(), r.out() + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        assertEquals(1, lines.size(), "one line on stderr: " + r.err());
        assertTrue(lines.get(0).startsWith("synapse: backend 'nd4j' is not available here: ND4J's CPU backend"),
                lines.get(0));
        assertTrue(lines.get(0).contains(REASON) && lines.get(0).endsWith(ADVICE), lines.get(0));
        assertEquals("", r.out());
    }

    private record Synapse(int status, String out, String err) {
    }

    /** {@code synapse ARGS} in a new JVM with the backends' options and the unusable cache. */
    private static Synapse synapse(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Kernels.jvmOptions(Runtime.version().feature()));
        command.add(cacheArgument);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SynapseCli.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("synapse " + String.join(" ", args) + " did not finish within 2 minutes");
        }
        return new Synapse(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
