package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The numpy race on two small networks with short settings, and its skip reasons. */
class NumpyRaceTest {

    private static final List<Workload> NETWORKS = List.of(Workloads.resolve("3-4-1"), Workloads.resolve("8-16-1x16"));

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void numpyMatchesScalarAndIsTimedWithOneAndAllThreads() {
        NumpyRace.Outcome result = NumpyRace.run(NETWORKS, System.out, NumpyRace.Settings.QUICK, configuredPython());
        assumeAvailable(result);

        assertEquals(Runtime.getRuntime().availableProcessors(), result.allThreadsCount());
        for (Map<String, NumpyRace.StepTime> run : List.of(result.oneThread(), result.allThreads())) {
            assertEquals(List.of("3-4-1", "8-16-1x16"), List.copyOf(run.keySet()));
            for (NumpyRace.StepTime t : run.values()) {
                assertNull(t.problem(), t.network() + ": " + t.problem());
                assertTrue(t.parityMaxRelativeDifference() < NumpyRace.PARITY_TOLERANCE, t.toString());
                assertTrue(Double.isFinite(t.nsPerStep()) && t.nsPerStep() > 0, t.toString());
                assertTrue(Double.isFinite(t.errorNs()) && t.errorNs() >= 0, t.toString());
                assertEquals(NumpyRace.Settings.QUICK.batches(), t.samples(), t.toString());
            }
        }

        JsonNode report = result.report();
        assertTrue(report.path("skipped").isNull());
        assertFalse(report.path("python").asText().isBlank());
        JsonNode one = report.path("oneThread");
        assertEquals(1, one.path("schema").asInt());
        assertEquals(1, one.path("threads").asInt(), "the script reports the BLAS threads it got");
        assertEquals(result.allThreadsCount(), report.path("allThreads").path("threads").asInt());
        for (String variable : NumpyRace.REMOVED_ENVIRONMENT) {
            assertTrue(one.path("environment").path(variable).isNull(), variable + " is unset for the script");
        }
        JsonNode parity = one.path("networks").path(0).path("parity");
        assertEquals(5, parity.path("iterations").asInt());
        assertTrue(parity.path("problem").isNull());
        assertFalse(parity.has("weights"), "the report holds the verdict, not numpy's weights");
        assertTrue(one.path("networks").path(1).path("synthetic").asBoolean(), "8-16-1x16's data is drawn by numpy");
        assertFalse(one.path("networks").path(0).path("synthetic").asBoolean());
    }

    /** benchmarks' resources are filtered by Maven: the script must come out of it unchanged. */
    @Test
    void theScriptSurvivesResourceFiltering() throws IOException {
        try (var in = NumpyRace.class.getResourceAsStream("/numpy_race.py")) {
            assertNotNull(in, "numpy_race.py is on the class path");
            assertEquals(Files.readString(Path.of("src/main/resources/numpy_race.py"), StandardCharsets.UTF_8),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aMissingPythonIsOneSentence() {
        NumpyRace.Outcome result = NumpyRace.run(NETWORKS, System.out, NumpyRace.Settings.QUICK, "/no/such/python");
        assertOneSentence(result.skippedBecause());
        assertTrue(result.skippedBecause().contains("/no/such/python"), result.skippedBecause());
        assertTrue(result.oneThread().isEmpty() && result.allThreads().isEmpty());
        assertEquals(result.skippedBecause(), result.report().path("skipped").asText());
    }

    @Test
    void aPythonWithoutNumpyIsOneSentence(@TempDir Path folder) throws IOException {
        assumeFalse(windows(), "needs a shell script standing in for python");
        Path python = script(folder.resolve("python-without-numpy"),
                "echo \"ModuleNotFoundError: No module named 'numpy'\" >&2", "exit 1");
        NumpyRace.Outcome result = NumpyRace.run(NETWORKS, System.out, NumpyRace.Settings.QUICK, python.toString());
        assertOneSentence(result.skippedBecause());
        assertTrue(result.skippedBecause().contains("has no numpy (pip install numpy)"), result.skippedBecause());
    }

    @Test
    void aFailingScriptIsASkipReasonWithItsLastStderrLine(@TempDir Path folder) throws IOException {
        assumeFalse(windows(), "needs a shell script standing in for python");
        Path python = script(folder.resolve("python-failing"),
                "if [ \"$1\" = -c ]; then exit 0; fi", // the numpy check passes
                "echo 'Traceback (most recent call last):' >&2", "echo 'RuntimeError: boom' >&2", "exit 1");
        NumpyRace.Outcome result = NumpyRace.run(NETWORKS, System.out, NumpyRace.Settings.QUICK, python.toString());
        assertOneSentence(result.skippedBecause());
        assertTrue(result.skippedBecause().startsWith("numpy's race with 1 BLAS thread failed: exit code 1: "
                + "RuntimeError: boom; log "), result.skippedBecause());
        assertTrue(result.oneThread().isEmpty() && result.allThreads().isEmpty());
        Matcher logs = Pattern.compile("; log (\\S+\\.log)").matcher(result.skippedBecause());
        while (logs.find()) { // kept for whoever investigates a real failure; this one was staged
            assertTrue(Files.deleteIfExists(Path.of(logs.group(1))), "the log named in the reason exists");
        }
    }

    /** Where OpenBLAS is pinned (OPENBLAS_CORETYPE set), a crash without the pin is retried with it, and said. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aCrashWithoutThePinnedCoreIsRetriedWithIt(@TempDir Path folder) throws IOException {
        assumeFalse(windows(), "needs a shell script standing in for python");
        assumeTrue(System.getenv("OPENBLAS_CORETYPE") != null, "only where OPENBLAS_CORETYPE is set");
        String real = configuredPython() != null ? configuredPython()
                : NumpyRace.onPath("python3").map(Path::toString).orElse(null);
        assumeTrue(real != null, "python3 was not found on PATH");
        Path python = script(folder.resolve("python-crashing-without-coretype"),
                "if [ -z \"$OPENBLAS_CORETYPE\" ]; then echo 'Illegal instruction (simulated)' >&2; kill -ILL $$; fi",
                "exec '" + real.replace("'", "'\\''") + "' \"$@\"");
        NumpyRace.Outcome result = NumpyRace.run(List.of(Workloads.resolve("3-1")), System.out,
                NumpyRace.Settings.QUICK, python.toString());
        assumeAvailable(result);
        JsonNode retry = result.report().path("oneThread").path("environmentRetry");
        assertTrue(retry.path("firstAttempt").asText().contains("Illegal instruction (simulated)"), retry.toString());
        assertEquals(System.getenv("OPENBLAS_CORETYPE"), retry.path("ranWith").path("OPENBLAS_CORETYPE").asText());
        assertNull(result.oneThread().get("3-1").problem());
        // the second run knows already: no new attempt without the pin
        assertTrue(result.report().path("allThreads").path("environment").path("removed").isEmpty());
    }

    private static String configuredPython() {
        String configured = System.getenv(NumpyRace.PYTHON_VARIABLE);
        return configured == null || configured.isBlank() ? null : configured;
    }

    /** Skips the test where this machine has no python3 or no numpy; anything else that went wrong fails it. */
    private static void assumeAvailable(NumpyRace.Outcome result) {
        String reason = result.skippedBecause();
        if (reason != null) {
            assertOneSentence(reason);
            assertFalse(reason.startsWith("numpy's race"), "the race itself failed: " + reason);
            assumeTrue(false, "no numpy race here: " + reason);
        }
    }

    private static void assertOneSentence(String reason) {
        assertNotNull(reason, "a skip reason");
        assertFalse(reason.isBlank(), "an empty skip reason");
        assertFalse(reason.contains("\n") || reason.contains("\r"), "one line: " + reason);
        assertFalse(reason.matches(".*\\.\\s+[A-Z].*"), "one sentence: " + reason);
    }

    private static Path script(Path file, String... lines) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static boolean windows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
