package dev.synapsebench.kernels.simd;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * simd's results do not depend on the JIT tier that computes them: the same work
 * ({@link TierProbe}) in a JVM that only interprets, one that only runs C1 and one that has run it
 * long enough for C2 to compile it with profiles (when the Vector API's intrinsics apply) gives the
 * same bits, in both dtypes. What makes it so: the backend's own sigmoid ({@link VectorSigmoid}) instead
 * of the Vector API's {@code EXP}, and lane sums in a fixed order instead of {@code reduceLanes}.
 */
class TierIndependenceTest {

    /** Short enough for the interpreter, where every vector operation is a Java loop. */
    private static final String ITERATIONS = "100";
    /** Runs of the whole probe before the compared one, in the C2 JVM: C2 has compiled it by then. */
    private static final String WARM_UPS = "150";

    @Test
    void interpreterC1AndC2GiveTheSameBits() throws Exception {
        String c2 = probe(WARM_UPS, "-XX:-TieredCompilation");
        assertEquals(2 * (2 + 2), c2.lines().count(), c2);
        assertEquals(c2, probe("0", "-XX:TieredStopAtLevel=1"), "C1 only against C2");
        assertEquals(c2, probe("0", "-Xint"), "the interpreter against C2");
    }

    private static String readQuietly(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (IOException e) {
            return "(its error output could not be read)";
        }
    }

    private static String probe(String warmUps, String... tier) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of(tier));
        command.addAll(List.of("--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                TierProbe.class.getName(), ITERATIONS, warmUps));
        java.nio.file.Path errors = java.nio.file.Files.createTempFile("tier-probe", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe under " + List.of(tier) + " did not finish");
            assertEquals(0, process.exitValue(), () -> "the probe under " + List.of(tier) + " failed: "
                    + readQuietly(errors));
            return output;
        } finally {
            java.nio.file.Files.deleteIfExists(errors);
        }
    }
}
